import type { Answers } from './questions.ts';
import type { PlanKind, Risk } from './types.ts';
import type { Decision, Signals } from './verdict.ts';

/** Risks of the chosen path for this team and project, each with its mitigation. */
export function risksFor(d: Decision, kind: PlanKind, a: Answers, s: Signals): Risk[] {
  const risks: Risk[] = [];
  const usesRust = d.verdict !== 'python';
  if (d.closeCall) {
    risks.push({
      risk: 'Deciding a close call on taste, then paying for it for years.',
      mitigation: 'Run the time-boxed spike in the plan and decide on its numbers.',
    });
  }
  if (usesRust && a.rustSkill !== 'strong') {
    risks.push({
      risk: 'The learning curve (ownership, lifetimes) slows the first months more than planned.',
      mitigation: a.rustMentors
        ? 'Follow the learning path and route every Rust change through the mentor on hand.'
        : 'Follow the learning path and bring in an experienced Rust reviewer for the first months.',
    });
  }
  if (usesRust) {
    risks.push({
      risk: "Slow compile times, the top complaint in Rust's own surveys, stretch the feedback loop.",
      mitigation: 'Split the code into crates, keep incremental builds on, cache CI builds with sccache.',
    });
  }
  if (usesRust && (a.priorities?.includes('hiring') || a.rustSkill === 'none')) {
    risks.push({
      risk: 'Rust developers are harder to hire than Python developers.',
      mitigation:
        'Grow Rust skills in-house on the learning path; hire for one experienced Rust lead, not a whole team.',
    });
  }
  if (
    d.verdict === 'rust' &&
    (a.ecosystems?.some((e) => e === 'ml' || e === 'data' || e === 'scientific') ?? false)
  ) {
    risks.push({
      risk: 'Some of the ML, data or scientific libraries the work leans on have no mature Rust equivalent.',
      mitigation:
        'Check the crates for each library before the trial; keep Python for the parts without one.',
    });
  }
  if (kind === 'hybrid-extension' || kind === 'phased-migration' || kind === 'python-with-rust-pilot') {
    risks.push({
      risk: 'A chatty Python/Rust boundary: building Python objects can cost more than the faster code saves.',
      mitigation: 'Move whole units of work, keep data on the Rust side, and benchmark through the boundary.',
    });
    risks.push({
      risk: 'Packaging breaks on older distributions, as when the cryptography package started requiring Rust in 2021.',
      mitigation:
        'Ship prebuilt abi3 wheels for every platform from CI (maturin-action) so nobody compiles Rust on install.',
    });
  }
  if (kind === 'hybrid-service') {
    risks.push({
      risk: 'The network hop and a second deployable add latency and operations work.',
      mitigation:
        'Batch work per call, budget the hop in the latency target, and give the service its own SLOs.',
    });
  }
  if (d.verdict === 'python' && s.performanceNeed) {
    risks.push({
      risk: 'The hot path outgrows Python after the product depends on it.',
      mitigation: 'Track the thresholds in the plan from day one and pilot Rust as soon as one is crossed.',
    });
  }
  if (d.verdict === 'python' && a.concurrency === 'cpu-parallel') {
    risks.push({
      risk: 'The GIL limits CPU parallelism; free-threaded builds turn it back on for extensions not marked safe.',
      mitigation:
        'Use multiprocessing or native libraries that release the GIL; test the free-threaded build before relying on it.',
    });
  }
  if (d.verdict === 'python' && (a.memory === 'containers' || a.priorities?.includes('cost'))) {
    risks.push({
      risk: "Python's memory footprint raises the cost per instance.",
      mitigation: 'Measure memory per instance under load and keep it among the thresholds for a Rust pilot.',
    });
  }
  if (d.verdict === 'python' && a.stage === 'production') {
    risks.push({
      risk: 'Dynamic typing lets errors slip into a long-lived codebase.',
      mitigation: 'Type hints everywhere, checked in CI by mypy or pyright in strict mode.',
    });
  }
  if (risks.length === 0) {
    risks.push({
      risk: 'The answers change as the project grows, and the decision quietly stops fitting.',
      mitigation: 'Revisit this questionnaire at each stage change (prototype, MVP, production).',
    });
  }
  return risks;
}
