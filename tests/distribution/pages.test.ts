import type { CodedError } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { failurePage, INSTALL_PATH, page } from '../../src/slack/distribution.ts';
import { linkHref, pageText } from '../helpers/distribution.ts';

/** The pages "Add to Slack" ends on, as built (the HTTP side is in oauth.test.ts). */

const failure = (code: string | undefined) => Object.assign(new Error('failed'), { code }) as CodedError;

describe('failurePage', () => {
  it.each([
    {
      code: 'slack_oauth_installer_authorization_error',
      status: 200,
      title: 'Installation cancelled',
      says: /You cancelled the installation: nothing was installed\./,
    },
    {
      code: 'slack_oauth_invalid_state',
      status: 400,
      title: 'This installation link can’t be used',
      says: /used already, is over 10 minutes old, or was opened in another browser[^.]*\. This attempt changed nothing: if you installed the app a moment ago, it is still installed\./,
    },
    {
      code: 'slack_oauth_missing_state',
      status: 400,
      title: 'This installation link can’t be used',
      says: /This attempt changed nothing/,
    },
    {
      code: 'slack_oauth_missing_code',
      status: 400,
      title: 'Slack did not complete the installation',
      says: /Slack sent no authorisation code, so nothing was installed\./,
    },
    ...[
      'slack_webapi_platform_error',
      'slack_webapi_request_error',
      'slack_webapi_http_error',
      'slack_webapi_rate_limited_error',
    ].map((code) => ({
      code,
      status: 502,
      title: 'Slack did not hand over the installation',
      says: /rust-or-python did not receive its access, so it cannot answer in this workspace yet\. Add it again below/,
    })),
    // The store failed (InstallProvider's code for an error without one, or a database's own code).
    ...['slack_oauth_unknown_error', '3D000', undefined].map((code) => ({
      code,
      status: 500,
      title: 'The installation could not be saved',
      says: /Slack added the app, but rust-or-python could not save its access, so it cannot answer in this workspace yet\./,
    })),
  ])('$code: $status, “$title”', ({ code, status, title, says }) => {
    const shown = failurePage(failure(code), null);
    expect(shown.status).toBe(status);
    const text = pageText(shown.html);
    expect(shown.html).toContain(`<h1>${title}</h1>`);
    expect(shown.html).toContain(`<title>${title} · rust-or-python</title>`);
    expect(text).toMatch(says);
    expect(linkHref(shown.html, 'start-again')).toBe(INSTALL_PATH);
  });

  it('shows what Slack said when it came back without a code, as text, cut at 100 characters', () => {
    const said = `<img src=x onerror="alert(1)">&${'x'.repeat(200)}`;
    const shown = failurePage(failure('slack_oauth_missing_code'), said);
    expect(shown.status).toBe(400);
    expect(shown.html).not.toMatch(/<img/i);
    expect(pageText(shown.html)).toContain(`Slack said: ${said.slice(0, 100)}. Nothing was installed.`);
    expect(pageText(shown.html)).not.toContain(said.slice(0, 101));
  });
});

describe('page', () => {
  const HOSTILE = `</title><script>alert("t")</script>&amp; 'quoted'`;

  it('escapes a title, paragraphs and link text: they read as written and nothing is markup', () => {
    const html = page(HOSTILE, [HOSTILE, { text: HOSTILE, href: '/ok', id: 'link' }]);
    expect(html).not.toMatch(/<script/i);
    expect(html.match(/<\/title>/g)).toHaveLength(1);
    expect(html).toContain(
      '<title>&lt;/title&gt;&lt;script&gt;alert(&quot;t&quot;)&lt;/script&gt;&amp;amp; &#39;quoted&#39; · rust-or-python</title>',
    );
    // Title, paragraph and link each read exactly as written.
    expect(pageText(html).split(HOSTILE)).toHaveLength(5);
  });

  it('escapes an href and an id: the link goes exactly where it was given, and adds no attribute', () => {
    const href = `https://example.test/?a=1&b="><script>alert(1)</script>' onclick='x`;
    const html = page('t', [{ text: 'go', href, id: 'go' }]);
    expect(html).not.toMatch(/<script|onclick='/i);
    expect(linkHref(html, 'go')).toBe(href);
    expect(html).toMatch(/<a id="go" href="[^"<>]*">go<\/a>/);
    const odd = page('t', [{ text: 'go', href: '/x', id: '"><b>' }]);
    expect(odd).not.toContain('<b>');
  });

  it('is a complete HTML document with nothing that runs', () => {
    const html = page('Title', ['One.', { text: 'Link', href: '/slack/install' }]);
    expect(html).toMatch(/^<!doctype html>\n<html lang="en">/);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('<p><a href="/slack/install">Link</a></p>');
    expect(html).not.toMatch(/<script|<style| on\w+=/i);
  });
});
