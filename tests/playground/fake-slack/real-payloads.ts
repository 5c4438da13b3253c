/**
 * Payloads as real Slack sends them, reproduced field for field from published captures (ids and text are
 * our own). The dispatcher's output is compared with these in dispatcher.test.ts, so the fake cannot drift
 * into a shape only our app accepts.
 */

/**
 * `block_actions` from a button on an ephemeral message: `container.is_ephemeral: true` and no `message`
 * (Slack does not send the content of an ephemeral). Source: slackapi/bolt-python
 * tests/slack_bolt/request/test_request.py (`test_org_wide_installations_block_actions`, a captured payload
 * with `state`, `enterprise` and `is_enterprise_install`) and tests/scenario_tests/test_block_actions.py (the
 * `team` object of a workspace install).
 */
export const EPHEMERAL_BLOCK_ACTIONS = {
  type: 'block_actions',
  user: { id: 'U7FIXTURE', username: 'dana', name: 'dana', team_id: 'T7FIXTURE' },
  api_app_id: 'A7FIXTURE',
  token: 'fixture-verification-token',
  container: {
    type: 'message',
    message_ts: '1712000000.000700',
    channel_id: 'C7FIXTURE',
    is_ephemeral: true,
  },
  trigger_id: '7112233445.7000000001.0a1b2c3d4e5f60718293a4b5c6d7e8f9',
  team: { id: 'T7FIXTURE', domain: 'fixture-team' },
  enterprise: null,
  is_enterprise_install: false,
  channel: { id: 'C7FIXTURE', name: 'design-review' },
  state: { values: {} },
  response_url: 'https://hooks.slack.com/actions/T7FIXTURE/7000000002/fixtureResponseToken',
  actions: [
    {
      action_id: 'fixture_button',
      block_id: 'fixture_block',
      text: { type: 'plain_text', text: 'Press me' },
      value: 'fixture-value',
      type: 'button',
      action_ts: '1712000003.645417',
    },
  ],
} as const;

/**
 * A slash command in a public channel, with the text entity-escaped as Slack sends it (typed:
 * `R&D <core> team`). Fields and order: Slack's docs example (implementing slash commands) plus
 * `api_app_id` and `is_enterprise_install` as in slackapi/bolt-python
 * tests/adapter_tests/socket_mode/mock_socket_mode_server.py and newer captures.
 */
export const SLASH_COMMAND_IN_CHANNEL = {
  token: 'fixture-verification-token',
  team_id: 'T7FIXTURE',
  team_domain: 'fixture-team',
  channel_id: 'C7FIXTURE',
  channel_name: 'design-review',
  user_id: 'U7FIXTURE',
  user_name: 'dana',
  command: '/rust-or-python',
  text: 'R&amp;D &lt;core&gt; team',
  api_app_id: 'A7FIXTURE',
  is_enterprise_install: 'false',
  response_url: 'https://hooks.slack.com/commands/T7FIXTURE/7000000003/fixtureResponseToken',
  trigger_id: '7112233446.7000000001.1b2c3d4e5f60718293a4b5c6d7e8f90a',
} as const;

/**
 * A slash command in a 1:1 DM: a D… id named `directmessage`. Source: the captured payload in
 * getsentry/sentry's Slack command tests (`create_payload`, 2021); the same pair appears in
 * slack-ruby/slack-ruby-client#227, where posting to that DM answered channel_not_found.
 */
export const SLASH_COMMAND_IN_DM = {
  ...SLASH_COMMAND_IN_CHANNEL,
  channel_id: 'D7FIXTURE',
  channel_name: 'directmessage',
  text: '',
} as const;

/**
 * A slash command in a group DM: the conversation's `mpdm-…-1` name, and (for one created since Slack moved
 * to C ids) a C… id, so only the name tells it from a channel. Source: a captured request in a public 2023
 * hackathon bot (tldrBot, `channel_id: C05…`, `channel_name: mpdm-<a>--<b>--<c>-1`).
 */
export const SLASH_COMMAND_IN_GROUP_DM = {
  ...SLASH_COMMAND_IN_CHANNEL,
  channel_id: 'C7GROUPDM',
  channel_name: 'mpdm-dana--eli--fay-1',
  text: '',
} as const;
