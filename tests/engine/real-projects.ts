import type { Verdict } from '../../src/engine/types.ts';
import type { Scenario } from './scenarios.ts';

/** A scenario taken from a documented project, or built to make two rules (or a proxy answer) collide. */
export interface RealProject extends Scenario {
  /** Where the mapping comes from: a URL or a precise citation (blog post, talk, README, issue). */
  readonly source: string;
  /** A second verdict the framework honestly accepts for these answers. */
  readonly alsoAcceptable?: Verdict;
}

/*
 * How the rows were mapped.
 * - Each "real:" row describes the team as it stood WHEN IT DECIDED (Ruff at its launch as a proof of
 *   concept, Instagram choosing Django in 2010, Discord in 2020), not the project as it is today.
 * - Only the required answers plus the optional ones the source supports are given; an omitted answer is
 *   neutral. Where the questionnaire has no option for the real situation (a Go or TypeScript codebase),
 *   `codebase` is omitted rather than forced: "mixed" would read as "part of it is Python".
 * - pythonSkill and rustSkill are required. For a team whose documented stack has no Python at all (a
 *   C/Lua proxy team, a TypeScript server team), pythonSkill is 'none': Python skill does not pull there.
 *   Where a source says nothing either way, 'some' is used, the middle of the scale.
 * - The verdict is the one the framework (/work/shared/framework.md) calls for, which is usually, but not
 *   always, what the team did; the `why` says which rule decides.
 * - "adversarial:" rows are not documented projects: they put two rules against each other, or use an
 *   answer that a naive reading would take as a proxy for something else (an edge device read as
 *   firmware, a PyPI package read as existing Python code, CPU-bound read as "the time is in Python").
 */
export const REAL_PROJECTS: readonly RealProject[] = [
  // ---------------------------------------------------------------------------------------------------
  // Python libraries and services that moved a hot path (or a sensitive part) into Rust.
  // ---------------------------------------------------------------------------------------------------
  {
    name: 'real: pydantic v2 core (pydantic-core)',
    answers: {
      workload: 'python-extension',
      stage: 'production',
      latency: 'none',
      pythonSkill: 'strong',
      rustSkill: 'some',
      codebase: 'python',
      compute: 'cpu-bound',
      hotPath: 'python',
      deployment: 'python-package',
      priorities: ['performance'],
    },
    verdict: 'hybrid',
    why: 'rule 3: pydantic v1 was a Python library whose validation loop was the hot path; v2 kept the Python API and moved the core into a PyO3 extension (5-50x faster than v1)',
    rule: 'python-hot-path',
    plan: 'hybrid-extension',
    source:
      'Samuel Colvin, "Pydantic & Rust" (talk slides, 2023): https://slides.com/samuelcolvin-pydantic/pydantic-rust ("Complete rewrite of Pydantic, with the core written in Rust", "5 - 50x faster than Pydantic V1"; speaker: "Python and Rust developer")',
  },
  // hotPath 'python': the tokenizers that transformers shipped before were pure Python; the model maths
  // already ran in PyTorch, tokenisation did not.
  {
    name: 'real: Hugging Face tokenizers (Rust core under the Python API)',
    answers: {
      workload: 'python-extension',
      stage: 'production',
      latency: 'none',
      pythonSkill: 'strong',
      rustSkill: 'some',
      codebase: 'python',
      compute: 'cpu-bound',
      hotPath: 'python',
      deployment: 'python-package',
      ecosystems: ['ml'],
    },
    verdict: 'hybrid',
    why: 'rule 3: tokenisation was a CPU-bound loop in Python code next to a model that already ran natively; a Rust core behind Python bindings keeps the Python API and the ML ecosystem',
    rule: 'python-hot-path',
    plan: 'hybrid-extension',
    source:
      'https://github.com/huggingface/tokenizers (README and bindings/python/README.md: "Extremely fast (both training and tokenization), thanks to the Rust implementation. Takes less than 20 seconds to tokenize a GB of text on a server\'s CPU")',
  },
  // workload 'python-extension': a Python app (Sentry's event processing) sped up in place; memory
  // 'containers': a 30 MB source map blew one Python worker up to about 800 MB.
  {
    name: 'real: Sentry source-map processing moved into a Rust module (2016)',
    answers: {
      workload: 'python-extension',
      stage: 'production',
      latency: 'none',
      pythonSkill: 'strong',
      rustSkill: 'some',
      codebase: 'python',
      compute: 'cpu-bound',
      hotPath: 'python',
      memory: 'containers',
      deployment: 'cloud-service',
    },
    verdict: 'hybrid',
    why: 'rule 3: a profiled hot path in Python code (one Python object per source-map token, millions per map) inside a Python codebase; one Rust module called from Python replaced it and the rest stayed Python',
    rule: 'python-hot-path',
    plan: 'hybrid-extension',
    source:
      'Armin Ronacher, "Fixing Python Performance with Rust", Sentry blog (Oct 2016): https://blog.sentry.io/fixing-python-performance-with-rust/',
  },
  // Judgement: 'systems' rather than 'python-extension', because the goal was memory safety of ASN.1 /
  // X.509 parsing, not speed; the package is Python over C bindings to OpenSSL, so codebase 'python'.
  {
    name: 'real: pyca/cryptography moves ASN.1 parsing to Rust (2021)',
    answers: {
      workload: 'systems',
      stage: 'production',
      latency: 'none',
      pythonSkill: 'strong',
      rustSkill: 'some',
      codebase: 'python',
      safety: 'security',
      compute: 'mixed',
      deployment: 'python-package',
    },
    verdict: 'hybrid',
    why: "rule 6 on code that is Python today: parsing untrusted certificates moves into a Rust core for memory safety while the Python API stays; the 2021 build breakage on platforms without a recent Rust toolchain is the framework's packaging risk (ship wheels)",
    source:
      'https://github.com/pyca/cryptography/issues/5810 (maintainer, Feb 2021: padding code first, "followed by an increasing surface of ASN.1 parsing", OpenSSL kept for cryptographic operations); https://github.com/pyca/cryptography/pull/5357 ("Port a tiny tiny bit of the ASN.1 parsing to Rust"); https://github.com/pyca/cryptography/issues/5771 (platforms left without Rust)',
  },
  // Judgement: compute 'mixed' (ingestion validates, normalises and scrubs payloads, then forwards them);
  // safety 'security' because Relay takes untrusted payloads from the internet and strips PII.
  {
    name: 'real: Sentry Relay, a Rust ingestion service in front of the Django app',
    answers: {
      workload: 'high-throughput',
      stage: 'production',
      latency: 'interactive',
      pythonSkill: 'strong',
      rustSkill: 'some',
      codebase: 'python',
      compute: 'mixed',
      safety: 'security',
      deployment: 'cloud-service',
    },
    verdict: 'hybrid',
    why: 'the code is Python (Django) and stays; ingestion must be deployed and scaled on its own (global points of presence), so the Rust part sits behind a service boundary, the form rule 3 gives a part that must scale separately',
    source:
      'Armin Ronacher, "Ingesting in Rust" (talk slides, Sentry): https://slidepub.com/slideshow/ingesting-in-rust-by-armin-ronacher-from-sentry ("What started as a small Django application had to be scaled up to support global points of presence, lower latency and significantly higher throughput"); https://getsentry.github.io/relay/relay/',
  },
  // Judgement: the sync engine is a core inside Dropbox's desktop client, which was (and stayed) Python;
  // the source says the team "needed to focus on correctness and performance" (the priorities below).
  {
    name: 'real: Dropbox Nucleus sync engine (Python to Rust, inside the desktop client)',
    answers: {
      workload: 'systems',
      stage: 'production',
      latency: 'interactive',
      pythonSkill: 'strong',
      rustSkill: 'some',
      codebase: 'python',
      deployment: 'desktop-cli',
      priorities: ['safety', 'performance'],
    },
    verdict: 'hybrid',
    alsoAcceptable: 'rust',
    why: 'the desktop client is Python and stays; its sync engine, where correctness matters most, becomes a Rust core bundled with the app (rule 11: bundled, not wheels), affordable because Rust expertise was already in-house; within the engine itself it was a full Rust rewrite, hence Rust is also acceptable',
    source:
      'Sujay Jayakar, "Rewriting the heart of our sync engine", Dropbox Tech (Mar 2020): https://dropbox.tech/infrastructure/rewriting-the-heart-of-our-sync-engine; author on r/rust: "we needed to focus on correctness and performance ... there was already rust expertise in-house"; Python in the desktop client: Dropbox Tech, "Our journey to type checking 4 million lines of Python" (2019)',
  },
  // ---------------------------------------------------------------------------------------------------
  // Greenfield tools and engines that ship through PyPI but contain no Python code to keep.
  // ---------------------------------------------------------------------------------------------------
  // Judgement: at launch (Aug 2022) Ruff was a proof of concept by one author who knew Python well and
  // "had done some Rust"; speed was the hypothesis being tested, hence the performance priority.
  {
    name: 'real: Ruff at launch, a Python linter written in Rust and installed with pip',
    answers: {
      workload: 'cli-tooling',
      stage: 'prototype',
      latency: 'interactive',
      pythonSkill: 'strong',
      rustSkill: 'some',
      codebase: 'greenfield',
      compute: 'cpu-bound',
      deployment: 'python-package',
      priorities: ['performance'],
    },
    verdict: 'rust',
    alsoAcceptable: 'python',
    closeCall: true,
    why: "rule 3 says PyPI distribution is not existing Python code, and rule 7 favours one binary on users' machines: a CPU-bound greenfield tool whose point is speed, by an author with some Rust, calls for Rust (rule 5 needs a team new to Rust); but a strong-Python author at the prototype stage balances that on the scores, so the framework honestly calls it close, and the author settled it by betting on speed",
    source:
      'https://pypi.org/project/ruff/0.0.25 (README at launch: "proof-of-concept", "10-100x faster than existing linters", "Installable via pip"); Charlie Marsh, "Python tooling could be much, much faster": https://notes.crmarsh.com/python-tooling-could-be-much-much-faster; background ("I had done some Rust"): https://www.developing.dev/p/openai-eng-and-dev-tools-founder',
  },
  {
    name: 'real: uv, a pip replacement shipped as a static Rust binary',
    answers: {
      workload: 'cli-tooling',
      stage: 'mvp',
      latency: 'interactive',
      pythonSkill: 'strong',
      rustSkill: 'strong',
      codebase: 'greenfield',
      deployment: 'python-package',
      priorities: ['performance'],
    },
    verdict: 'rust',
    alsoAcceptable: 'python',
    closeCall: true,
    why: 'a team strong in Rust (Astral, after Ruff) building a greenfield tool shipped through PyPI as a binary that needs neither Rust nor Python: PyPI distribution is not Python code (rule 3) and rule 8 leaves a Rust-strong team to Rust; on these answers alone (no measured need, only a ticked performance priority) the framework honestly scores it a close call, which the team settled by betting on speed',
    source:
      'https://github.com/astral-sh/uv (README at launch, Feb 2024: "An extremely fast Python package installer and resolver, written in Rust", "10-100x faster than pip", "uv is a static binary that can be installed without Rust or Python"); https://astral.sh/blog/uv',
  },
  // Judgement: Polars began as a Rust side project by its author while learning Rust; the Python package
  // came later, so no deployment answer. ecosystems left out: it builds on Arrow, not on Python's data stack.
  {
    name: 'real: Polars, a DataFrame query engine begun in Rust',
    answers: {
      workload: 'systems',
      stage: 'prototype',
      latency: 'none',
      pythonSkill: 'some',
      rustSkill: 'some',
      codebase: 'greenfield',
      compute: 'cpu-bound',
      concurrency: 'cpu-parallel',
    },
    verdict: 'rust',
    why: 'a greenfield query engine with CPU-bound, multi-threaded work and no Python code to keep; rule 2 does not apply (building the engine, not analysing data), rule 5 needs a team new to Rust, and rule 8 needs code that is Python today',
    source:
      'https://github.com/pola-rs/polars (README: "a DataFrame interface on top of an OLAP Query Engine implemented in Rust", multi-threaded, SIMD); origin as a side project begun while learning Rust: Ritchie Vink interview, https://share.snipd.com/episode/84dc7971-363b-4af5-8bbc-f41c1b97a045',
  },
  // ---------------------------------------------------------------------------------------------------
  // Services and systems rewritten or built in Rust.
  // ---------------------------------------------------------------------------------------------------
  // Judgement: the service was Go, which has no codebase option (omitted). Discord's stack at the time
  // included Python and Elixir, and Rust was already in use server-side (Elixir NIFs): 'some' each.
  {
    name: 'real: Discord Read States service (Go to Rust, 2020)',
    answers: {
      workload: 'high-throughput',
      stage: 'production',
      latency: 'strict',
      pythonSkill: 'some',
      rustSkill: 'some',
      concurrency: 'io-many',
    },
    verdict: 'rust',
    why: 'no hard rule decides; the performance criterion does: garbage-collector pauses every two minutes broke a strict latency target on a hot-path service, and a team that already used Rust removed the GC',
    source:
      'Jesse Howarth, "Why Discord is switching from Go to Rust" (Feb 2020): https://discord.com/blog/why-discord-is-switching-from-go-to-rust; earlier Rust at Discord: "Using Rust to scale Elixir for 11 million concurrent users" (2019): https://blog.discordapp.com/using-rust-to-scale-elixir-for-11-million-concurrent-users-c6f19fc029d3',
  },
  // Judgement: a TypeScript team (pythonSkill 'none'); no earlier Rust at Figma is mentioned (rustSkill
  // 'none'); TypeScript has no codebase option (omitted). The questionnaire's hybrid is Python + Rust, so
  // Figma keeping node for the network layer does not make this row a hybrid.
  {
    name: 'real: Figma multiplayer server (TypeScript to Rust, 2018)',
    answers: {
      workload: 'high-throughput',
      stage: 'production',
      latency: 'interactive',
      pythonSkill: 'none',
      rustSkill: 'none',
      compute: 'cpu-bound',
      concurrency: 'cpu-parallel',
      memory: 'containers',
    },
    verdict: 'rust',
    why: 'no hard rule decides; CPU-bound syncing that a single-threaded, garbage-collected server could not parallelise, low resource use wanted, and no Python to keep: the scores go to Rust, with a learning path for the team',
    source:
      'Evan Wallace, "Rust in Production at Figma" (May 2018): https://www.figma.com/blog/rust-in-production-at-figma/ ("being single-threaded, couldn\'t process operations in parallel"; "some of the performance issues with the old server were caused by the garbage collector")',
  },
  // Judgement: the proxy team's stack was C (NGINX) and Lua, hence pythonSkill 'none'; "a third of the
  // CPU and memory" is why memory is 'containers'.
  {
    name: 'real: Cloudflare Pingora replaces NGINX',
    answers: {
      workload: 'systems',
      stage: 'production',
      latency: 'strict',
      pythonSkill: 'none',
      rustSkill: 'some',
      codebase: 'other-native',
      safety: 'security',
      concurrency: 'io-many',
      memory: 'containers',
    },
    verdict: 'rust',
    why: 'rule 6 on a C codebase: an internet-facing proxy where "it is quite easy to get into memory safety issues" in C, at strict latency and fleet-wide cost; Rust gives C\'s control with memory safety',
    source:
      'Cloudflare, "How we built Pingora, the proxy that connects Cloudflare to the Internet" (Sep 2022): https://blog.cloudflare.com/how-we-built-pingora-the-proxy-that-connects-cloudflare-to-the-internet/',
  },
  // Judgement: latency 'interactive' stands for the ~125 ms boot target (no p99 target is given);
  // codebase 'rust' because Firecracker began as a fork of crosvm.
  {
    name: 'real: AWS Firecracker microVM monitor',
    answers: {
      workload: 'systems',
      stage: 'production',
      latency: 'interactive',
      pythonSkill: 'none',
      rustSkill: 'some',
      codebase: 'rust',
      safety: 'security',
      memory: 'containers',
      deployment: 'cloud-service',
    },
    verdict: 'rust',
    why: 'rule 6: isolation between mutually untrusted tenants, a per-microVM memory overhead that sets density, and a Rust codebase to start from (rule 8: there, Rust leads)',
    source:
      'https://github.com/firecracker-microvm/firecracker (README: minimalist VMM that "excludes unnecessary devices ... to reduce the memory footprint and attack surface area of each microVM"); LWN, "The Firecracker virtual machine monitor" (Jan 2019): "began as a fork of Google\'s crosvm ... around 50 thousand lines of Rust"; NSDI 2020 paper: https://www.usenix.org/system/files/nsdi20-paper-agache.pdf',
  },
  {
    name: 'real: Android platform code in Rust, starting with the Bluetooth stack',
    answers: {
      workload: 'systems',
      stage: 'production',
      latency: 'interactive',
      pythonSkill: 'none',
      rustSkill: 'some',
      codebase: 'other-native',
      safety: 'security',
    },
    verdict: 'rust',
    why: 'rule 6 on a C/C++ codebase: lower OS layers that parse untrusted input, where memory-safety bugs were ~70% of high-severity vulnerabilities and sandboxing cost latency and memory; new code goes to Rust',
    source:
      'Google Security Blog, "Rust in the Android platform" (Apr 2021), as reported at https://thehackernews.com/2021/04/android-to-support-rust-programming.html (Bluetooth stack rewrite "Gabeldorsche"); "Memory Safe Languages in Android 13" (Dec 2022): https://security.googleblog.com/2022/12/memory-safe-languages-in-android-13.html',
  },
  // Judgement: the codebase was Go (omitted); compute 'cpu-bound' for a columnar analytical query engine.
  {
    name: 'real: InfluxDB IOx, the time-series engine rebuilt in Rust',
    answers: {
      workload: 'systems',
      stage: 'production',
      latency: 'interactive',
      pythonSkill: 'some',
      rustSkill: 'some',
      compute: 'cpu-bound',
      deployment: 'cloud-service',
      ecosystems: ['systems'],
    },
    verdict: 'rust',
    why: 'no hard rule decides (rule 8 needs code that is Python today): a long-lived, CPU-bound columnar engine built on Rust crates (Arrow, DataFusion) by a team with some Rust, so the scores go to Rust',
    source:
      'InfluxDB IOx README (2020, github.com/influxdata/influxdb): "The name is in homage to Rust ... built using Apache Arrow and DataFusion"; announcement: https://www.influxdata.com/blog/announcing-influxdb-iox/',
  },
  {
    name: 'real: Materialize streaming SQL database on timely/differential dataflow',
    answers: {
      workload: 'systems',
      stage: 'mvp',
      latency: 'interactive',
      pythonSkill: 'some',
      rustSkill: 'strong',
      codebase: 'rust',
      compute: 'cpu-bound',
      concurrency: 'cpu-parallel',
    },
    verdict: 'rust',
    why: "rule 8's exception: a team strong in Rust (the authors of the timely and differential dataflow Rust libraries) on a Rust codebase with CPU-bound parallel work: Rust leads, no Python MVP",
    source:
      'Frank McSherry, "How to Build a Streaming Database in Three Challenging Steps" (Data Council talk and bio): https://www.datacouncil.ai/talks/how-to-build-a-streaming-database-in-three-challenging-steps; Arjun Narayan, "Building Materialize" (CMU DB seminar, 2020)',
  },
  // ---------------------------------------------------------------------------------------------------
  // Firmware and embedded.
  // ---------------------------------------------------------------------------------------------------
  {
    name: 'real: Oxide Hubris, a microcontroller OS',
    answers: {
      workload: 'embedded',
      stage: 'production',
      latency: 'realtime',
      pythonSkill: 'none',
      rustSkill: 'strong',
      codebase: 'greenfield',
      memory: 'constrained',
      safety: 'security',
      deployment: 'edge-device',
    },
    verdict: 'rust',
    why: 'rule 1: firmware on 32-bit microcontrollers with static memory and no dynamic allocation, by an engineer with "a ton of experience with both Rust and embedded systems"',
    rule: 'constrained-target',
    plan: 'rust-first',
    source:
      'https://hubris.oxide.computer/ ("an operating system for microcontrollers ... no C code in the system"); Bryan Cantrill announcing Hubris (Oxide blog, late 2021), quoted at https://changelog.com/news/an-embedded-os-all-in-rust-03le',
  },
  // Judgement: Tock began as a research OS; no latency target is stated ('interactive' is the mildest
  // honest answer) and the team's Python is unknown ('some').
  {
    name: 'real: Tock, a secure OS for microcontrollers with untrusted apps',
    answers: {
      workload: 'embedded',
      stage: 'mvp',
      latency: 'interactive',
      pythonSkill: 'some',
      rustSkill: 'some',
      codebase: 'greenfield',
      memory: 'constrained',
      safety: 'security',
    },
    verdict: 'rust',
    why: 'rule 1 and rule 6: Cortex-M and RISC-V microcontrollers running "mutually distrustful applications", with the kernel and drivers isolated by Rust\'s compile-time memory safety',
    rule: 'constrained-target',
    source:
      'https://github.com/tock/tock (README: "an embedded operating system designed for running multiple concurrent, mutually distrustful applications on Cortex-M and RISC-V based embedded platforms")',
  },
  // ---------------------------------------------------------------------------------------------------
  // Tools and apps shipped to users' machines.
  // ---------------------------------------------------------------------------------------------------
  // Judgement: in June 2018 the Go version was "more of a demo" (stage 'prototype'); the prototype mixed
  // Go and C++ with no Python, so codebase is omitted; rustSkill 'none' ("I will experiment with binding
  // to Rust").
  {
    name: 'real: Deno runtime (Go prototype rewritten in Rust, 2018)',
    answers: {
      workload: 'systems',
      stage: 'prototype',
      latency: 'interactive',
      pythonSkill: 'none',
      rustSkill: 'none',
      safety: 'security',
      deployment: 'desktop-cli',
    },
    verdict: 'rust',
    why: "no Python in the team or the code; a garbage-collected host language would run a second GC beside V8's, and a sandboxed runtime shipped as one binary to users' machines favours Rust (rules 6 and 7), with a learning path",
    source:
      'https://github.com/denoland/deno/issues/208 (Ryan Dahl, Jun 2018: "The reason for not using Go is that it has a rather complex runtime - including a GC ... might clash badly with V8\'s very complex runtime"); https://github.com/denoland/deno/issues/165',
  },
  {
    name: 'real: ripgrep, a grep replacement',
    answers: {
      workload: 'cli-tooling',
      stage: 'mvp',
      latency: 'interactive',
      pythonSkill: 'some',
      rustSkill: 'strong',
      codebase: 'greenfield',
      compute: 'cpu-bound',
      concurrency: 'cpu-parallel',
      deployment: 'desktop-cli',
    },
    verdict: 'rust',
    why: "rule 7: a CLI shipped to users' machines as one binary; CPU-bound, parallel search by the author of Rust's regex crate",
    source:
      'Andrew Gallant, "ripgrep is faster than {grep, ag, git grep, ucg, pt, sift}" (Sep 2016): https://blog.burntsushi.net/ripgrep/ (read through the summary at https://daniliants.com/insights/ripgrep-is-faster-than-grep-ag-git-grep-ucg-pt-sift); Sourcegraph podcast episode 13 with Andrew Gallant',
  },
  // Judgement: "pixels on the next refresh of your display" is a frame budget, hence latency 'strict';
  // workload 'cli-tooling' (developer tooling); the team's languages were Rust and web tech (no Python).
  {
    name: 'real: Zed code editor',
    answers: {
      workload: 'cli-tooling',
      stage: 'mvp',
      latency: 'strict',
      pythonSkill: 'none',
      rustSkill: 'some',
      codebase: 'greenfield',
      compute: 'cpu-bound',
      concurrency: 'cpu-parallel',
      deployment: 'desktop-cli',
    },
    verdict: 'rust',
    why: 'rule 4: a frame-budget latency target on CPU-bound, multi-core work by a team that is not Python, so Rust rather than a hybrid; rule 7 adds the native desktop binary',
    rule: 'latency-cpu',
    source:
      'https://zed.dev/tech ("Built in Rust": "extremely efficient multi-core code"; the Electron plan dropped because "web technology was the bottleneck")',
  },
  // Judgement: workload 'systems' for the app's Rust backend (vault, crypto, sync); "new languages ...
  // most of our team never used before" reads as rustSkill 'some' for the team as a whole.
  {
    name: 'real: 1Password for Linux (Rust core, web-tech UI)',
    answers: {
      workload: 'systems',
      stage: 'mvp',
      latency: 'interactive',
      pythonSkill: 'none',
      rustSkill: 'some',
      codebase: 'greenfield',
      safety: 'security',
      deployment: 'desktop-cli',
    },
    verdict: 'rust',
    why: "rules 6 and 7: code that holds users' secrets, shipped to their machines; the backend is Rust and the UI stays web tech (not a Python hybrid)",
    source:
      'Dave Teare, "Behind the scenes of 1Password for Linux" (May 2021): https://dteare.medium.com/behind-the-scenes-of-1password-for-linux-d59b19143a23',
  },
  // ---------------------------------------------------------------------------------------------------
  // Projects where Python was (and is) the right call.
  // ---------------------------------------------------------------------------------------------------
  // Judgement: "when it decided" is 2010, a small startup's web MVP (Rust had no stable release until
  // 2015); compute 'io-bound' for a CRUD photo-sharing backend.
  {
    name: 'real: Instagram chooses Django (2010)',
    answers: {
      workload: 'web-backend',
      stage: 'mvp',
      latency: 'interactive',
      pythonSkill: 'strong',
      rustSkill: 'none',
      compute: 'io-bound',
      priorities: ['time-to-market'],
    },
    verdict: 'python',
    why: 'a web MVP by a Python team, I/O-bound, time to market first: nothing Rust would buy; Instagram later scaled the same Django code with efficiency work rather than a rewrite',
    plan: 'python-first',
    source:
      'Instagram Engineering, "Web Service Efficiency at Instagram with Python" (2016): "We initially chose to use Python because of its reputation for simplicity and practicality ... do the simple thing first" (read via https://massiveprogramming.blogspot.com/2016/10/web-service-efficiency-at-instagram.html)',
  },
  {
    name: 'real: Netflix data platform on Jupyter notebooks',
    answers: {
      workload: 'data-science',
      stage: 'production',
      latency: 'none',
      pythonSkill: 'strong',
      rustSkill: 'none',
      ecosystems: ['data', 'ml'],
      deployment: 'cloud-service',
    },
    verdict: 'python',
    why: "rule 2: data analysis, ML and scheduled notebooks live in Python's ecosystem",
    rule: 'data-ecosystem',
    source:
      'Netflix Technology Blog, "Beyond Interactive: Notebook Innovation at Netflix" (Aug 2018): https://medium.com/netflix-techblog/notebook-innovation-591ee3221233',
  },
  // Judgement: the model maths runs in PyTorch/TensorFlow/JAX (hotPath 'native'); the library's stated aim
  // is code "modified to enable quick research experiments".
  {
    name: 'real: Hugging Face transformers (research-first ML library)',
    answers: {
      workload: 'data-science',
      stage: 'mvp',
      latency: 'none',
      pythonSkill: 'strong',
      rustSkill: 'none',
      compute: 'cpu-bound',
      hotPath: 'native',
      ecosystems: ['ml'],
      deployment: 'python-package',
    },
    verdict: 'python',
    why: 'rule 2: ML experimentation on PyTorch, TensorFlow and JAX, whose heavy compute is native already (rule 3 exception); the one Python hot path, tokenisation, was later split out into tokenizers',
    rule: 'data-ecosystem',
    source:
      'https://pypi.org/project/transformers/4.19.0 (README: "backed by the three most popular deep learning libraries — Jax, PyTorch and TensorFlow"; "each python module defining an architecture is fully standalone and can be modified to enable quick research experiments")',
  },
  // Judgement: Airflow schedules and monitors jobs that run elsewhere (Hive, Presto, Spark), so its own
  // work waits on them: compute 'io-bound'.
  {
    name: 'real: Airbnb Airflow (2015)',
    answers: {
      workload: 'data-pipeline',
      stage: 'mvp',
      latency: 'none',
      pythonSkill: 'strong',
      rustSkill: 'none',
      compute: 'io-bound',
      ecosystems: ['data', 'devops'],
    },
    verdict: 'python',
    why: "rule 2's early-stage automation and the ecosystem criterion: pipelines authored as Python code by data engineers, orchestrating work that runs elsewhere, for a data team that wants to move fast",
    plan: 'python-first',
    source:
      'Maxime Beauchemin, "Airflow: a workflow management platform", Airbnb Engineering (Jun 2015): https://medium.com/airbnb-engineering/airflow-a-workflow-management-platform-46318b977fd8',
  },
  // ---------------------------------------------------------------------------------------------------
  // Adversarial rows: rules that collide, or answers that a proxy reading would get wrong.
  // ---------------------------------------------------------------------------------------------------
  {
    name: 'adversarial: Linux gateway app on a Raspberry-Pi-class device, relaxed memory, I/O-bound',
    answers: {
      workload: 'cli-tooling',
      stage: 'mvp',
      latency: 'none',
      pythonSkill: 'strong',
      rustSkill: 'none',
      memory: 'relaxed',
      compute: 'io-bound',
      deployment: 'edge-device',
      ecosystems: ['devops'],
    },
    verdict: 'python',
    why: 'rule 1 is about firmware and genuinely tight memory; an edge box running Linux with ordinary memory is scored like any target, and I/O-bound work by a Python team gets Python, not embedded Rust',
    plan: 'python-first',
    source:
      'constructed from framework.md rule 1 ("An edge box running Linux with ordinary memory (a Raspberry Pi class device) is not this case")',
  },
  {
    name: 'adversarial: "embedded" answered for a Linux single-board computer with relaxed memory',
    answers: {
      workload: 'embedded',
      stage: 'mvp',
      latency: 'interactive',
      pythonSkill: 'strong',
      rustSkill: 'none',
      memory: 'relaxed',
      compute: 'io-bound',
      deployment: 'edge-device',
    },
    verdict: 'python',
    why: 'relaxed memory contradicts the microcontroller case of rule 1 (kilobytes to a few MB), so rule 1 does not fire; I/O-bound work by a Python team new to Rust gets Python',
    source: 'constructed from framework.md rule 1 (Raspberry-Pi-class exception)',
  },
  {
    name: 'adversarial: new tool distributed on PyPI as a plain Rust binary (greenfield, like Ruff and uv)',
    answers: {
      workload: 'cli-tooling',
      stage: 'mvp',
      latency: 'interactive',
      pythonSkill: 'strong',
      rustSkill: 'strong',
      codebase: 'greenfield',
      compute: 'cpu-bound',
      deployment: 'python-package',
    },
    verdict: 'rust',
    why: 'rule 3: distribution as a PyPI package is not existing Python code, so there is no Python to keep and no hybrid; a CPU-bound greenfield tool by a Rust-strong team is Rust',
    source:
      'constructed from framework.md rule 3 ("Distribution as a PyPI package is not \'existing Python code\' (Ruff and uv ship Rust binaries through PyPI)")',
  },
  {
    name: 'adversarial: CPU-bound inference service whose time is inside PyTorch (hot path native)',
    answers: {
      workload: 'web-backend',
      stage: 'production',
      latency: 'interactive',
      pythonSkill: 'strong',
      rustSkill: 'some',
      codebase: 'python',
      compute: 'cpu-bound',
      hotPath: 'native',
      ecosystems: ['ml'],
      deployment: 'cloud-service',
    },
    verdict: 'python',
    why: 'rule 3 exception: the hot path already runs in native code (PyTorch), so "move the hot path to Rust" buys little; CPU-bound alone is not a need Rust meets here, and rule 8 has no real need to act on',
    source:
      'constructed from framework.md rule 3 ("A hot path already inside NumPy/PyTorch/Polars or on a GPU is native already")',
  },
  {
    name: 'adversarial: Python library on PyPI whose hot path already runs in NumPy',
    answers: {
      workload: 'python-extension',
      stage: 'production',
      latency: 'none',
      pythonSkill: 'strong',
      rustSkill: 'some',
      codebase: 'python',
      compute: 'cpu-bound',
      hotPath: 'native',
      deployment: 'python-package',
      ecosystems: ['scientific'],
    },
    verdict: 'python',
    why: 'rule 3 exception: "speeding up a Python library" does not imply a Python hot path when a profile puts the time in NumPy; vectorised NumPy can match Rust, so the library stays Python with thresholds',
    source:
      'constructed from framework.md rule 3 and the evidence list ("code already vectorised with NumPy can match Rust")',
  },
  {
    name: 'adversarial: team strong in Rust, Rust codebase, a real performance need',
    answers: {
      workload: 'web-backend',
      stage: 'mvp',
      latency: 'interactive',
      pythonSkill: 'strong',
      rustSkill: 'strong',
      codebase: 'rust',
      compute: 'cpu-bound',
      priorities: ['performance'],
    },
    verdict: 'rust',
    why: 'rule 8 excludes a team strong in Rust and a Rust codebase: Rust leads; never a Python MVP or a phased migration, even with strong Python on the team',
    plan: 'rust-first',
    source:
      'constructed from framework.md rule 8 ("Not for a team strong in Rust or a Rust codebase: there, Rust leads")',
  },
  {
    name: 'adversarial: I/O-bound CRUD service with "performance" ticked as a priority only, mixed skills',
    answers: {
      workload: 'web-backend',
      stage: 'mvp',
      latency: 'interactive',
      pythonSkill: 'strong',
      rustSkill: 'some',
      codebase: 'python',
      compute: 'io-bound',
      priorities: ['performance'],
    },
    verdict: 'python',
    why: 'rule 8 needs a real performance need: a ticked priority alone is not one, and I/O-bound work waits either way; so no phased migration and no hybrid, just Python',
    plan: 'python-first',
    source: 'constructed from framework.md rule 8 ("a ticked \'performance\' priority alone is not a need")',
  },
  {
    name: 'adversarial: real-time CPU-bound service as a weeks-long prototype by a team new to Rust',
    answers: {
      workload: 'high-throughput',
      stage: 'prototype',
      latency: 'realtime',
      pythonSkill: 'strong',
      rustSkill: 'none',
      compute: 'cpu-bound',
      cadence: 'rapid',
      priorities: ['time-to-market'],
    },
    verdict: 'hybrid',
    why: 'rules 4 and 5 pull apart; the verdict follows rule 4 (hybrid, since the team is Python today) and, by rule 10, the recommendation must name the conflict with the staged Python path and show it in its confidence',
    rule: 'latency-cpu',
    source: 'constructed from framework.md rules 4, 5 and 10 (the example rule 10 itself names)',
  },
  {
    name: 'adversarial: staged-path prototype that already has a profiled Python hot path',
    answers: {
      workload: 'web-backend',
      stage: 'prototype',
      latency: 'interactive',
      pythonSkill: 'strong',
      rustSkill: 'none',
      codebase: 'python',
      compute: 'cpu-bound',
      hotPath: 'python',
      cadence: 'rapid',
      priorities: ['time-to-market'],
    },
    verdict: 'hybrid',
    alsoAcceptable: 'python',
    why: 'rules 3 and 5 pull apart: rule 3 (earlier) moves the measured hot path to Rust, rule 5 keeps a weeks-long prototype by a team new to Rust in Python with pilot thresholds; either is defensible and rule 10 requires the text to say so',
    source: 'constructed from framework.md rules 3, 5 and 10',
  },
  {
    name: 'adversarial: security-sensitive parser, compute mixed, on a Python codebase',
    answers: {
      workload: 'systems',
      stage: 'production',
      latency: 'interactive',
      pythonSkill: 'strong',
      rustSkill: 'some',
      codebase: 'python',
      safety: 'security',
      compute: 'mixed',
    },
    verdict: 'hybrid',
    why: 'rule 6 weights Rust for parsing untrusted input, and the code is Python today: a Rust parser core behind an interface, Python kept; rule 3 is not what decides, since the work is not a CPU-bound hot path',
    source: 'constructed from framework.md rules 3 and 6',
  },
  {
    name: 'adversarial: Python-only team writing microcontroller firmware as a quick prototype',
    answers: {
      workload: 'embedded',
      stage: 'prototype',
      latency: 'strict',
      pythonSkill: 'strong',
      rustSkill: 'none',
      memory: 'constrained',
      deployment: 'edge-device',
      cadence: 'rapid',
      priorities: ['time-to-market'],
      rustMentors: false,
    },
    verdict: 'rust',
    why: 'rule 1 over rule 5: kilobytes of RAM rule CPython out, so the verdict stays Rust and the plan carries a learning path and mentoring, naming MicroPython (prototypes on boards that support it) and C as the honest alternatives',
    rule: 'constrained-target',
    plan: 'rust-with-learning-path',
    source: 'constructed from framework.md rules 1 and 5',
  },
  {
    name: 'adversarial: modernising a C/C++ codebase, team with some Python and some Rust',
    answers: {
      workload: 'systems',
      stage: 'production',
      latency: 'interactive',
      pythonSkill: 'some',
      rustSkill: 'some',
      codebase: 'other-native',
      safety: 'security',
      compute: 'cpu-bound',
    },
    verdict: 'rust',
    why: 'rule 6 on a C/C++ codebase: Rust replaces the unsafe native code; mixed skills and a performance need do not make it a phased migration (rule 8 needs code that is Python today) nor a hybrid (there is no Python to keep)',
    source:
      'constructed from framework.md rules 6 and 8 and the existing-code criterion ("C/C++ codebase being modernised for safety")',
  },
  {
    name: 'adversarial: desktop app with a Python codebase and a profiled CPU-bound hot path',
    answers: {
      workload: 'python-extension',
      stage: 'production',
      latency: 'interactive',
      pythonSkill: 'strong',
      rustSkill: 'some',
      codebase: 'python',
      compute: 'cpu-bound',
      hotPath: 'python',
      deployment: 'desktop-cli',
    },
    verdict: 'hybrid',
    why: "rule 3 with rule 11: keep the Python app and move the profiled hot path into a Rust extension bundled with the app (not PyPI wheels); rule 7's single binary does not turn it into a rewrite",
    rule: 'python-hot-path',
    plan: 'hybrid-extension',
    source: 'constructed from framework.md rules 3, 7 and 11',
  },
  {
    name: 'adversarial: strict-latency CPU-bound path in a Python service that scales in the cloud',
    answers: {
      workload: 'high-throughput',
      stage: 'production',
      latency: 'strict',
      pythonSkill: 'strong',
      rustSkill: 'some',
      codebase: 'python',
      compute: 'cpu-bound',
      hotPath: 'python',
      deployment: 'cloud-service',
    },
    verdict: 'hybrid',
    why: 'rules 3 and 4 agree on a hybrid, and rule 3 rules out a network hop on a strict path: the Rust core is an in-process extension even though the service is deployed and scaled in the cloud',
    plan: 'hybrid-extension',
    source:
      'constructed from framework.md rule 3 ("never a network hop on a strict or real-time path") and rule 4',
  },
  {
    name: 'adversarial: Python service said to be CPU-bound but never profiled (hot path unknown)',
    answers: {
      workload: 'web-backend',
      stage: 'production',
      latency: 'interactive',
      pythonSkill: 'strong',
      rustSkill: 'none',
      codebase: 'python',
      compute: 'cpu-bound',
      hotPath: 'unknown',
    },
    verdict: 'hybrid',
    alsoAcceptable: 'python',
    why: 'rule 3 applies only provisionally: it moves the measured bottleneck, so the plan must start by profiling; if the profile puts the time in native code the hybrid falls away and Python stays',
    source:
      'constructed from framework.md rule 3 and the plan\'s Assess phase ("profile ... before deciding what moves")',
  },
];
