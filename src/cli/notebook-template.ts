/**
 * The starting notebook for a crisis (`reports/<slug>.mdx`), written by
 * `debrief new`. Its sections follow a post-incident review; every figure is
 * a live reference into the report (`<Kpi>`, `{report.…}`), every table a SQL
 * cell, so the text stays true when the data is re-exported.
 */

/** Quotes a string for YAML frontmatter. */
function yamlString(text: string): string {
  return JSON.stringify(text);
}

/** MDX text of a new notebook for crisis `slug` titled `title`. */
export function notebookTemplate(slug: string, title: string, today = new Date().toISOString().slice(0, 10)): string {
  return `---
crisis: ${slug}
title: ${yamlString(`Post-incident review: ${title}`)}
authors: []
status: draft
date: ${today}
# Action items appear in the review and on the site's Action items page.
actions:
  - action: Describe the first thing to change
    owner: Team or person
    due: ${today}
---

{/*
  A Debrief notebook. Markdown, plus:
  - <Kpi name="response.conversationFirstResponse.median" />  a figure with its definition on hover
    (named figures: messages, timeline.peak, timeline.duration, sentiment.negativeShare,
    response.withinSla, response.responseRate, … or any path into report.sections)
  - {report.counts.messages}  any value of the report, inline
  - <Chart name="timeline" />  built-in charts: timeline, sentiment, first-response, coverage, themes, faults, backlog
  - <Chart sql="select …" mark="lineY" x="…" y="…" />  a chart of your own query
  - <Query sql="select …" />  a table from SQL over messages, cases, message_attributes, case_attributes
  - <Block name="moments" />  summary blocks: summary, kpis, moments, playbook, amplifiers, ledger
  - <Impact />  and  <ActionItems />
  A query that fails stops the build and names this file and line.
*/}

## Summary

Between {report.crisis.window.start?.slice(0, 10)} and {report.crisis.window.end?.slice(0, 10)} we received
<Kpi name="messages" /> messages. Customers waited a median of
<Kpi name="response.conversationFirstResponse.median" /> for a first answer.

<Block name="kpis" />

_What happened, in three sentences: trigger, effect on customers, how it ended._

## Impact

<Impact />

<Query title="Messages per channel" sql="select channel, count(*) as messages from messages group by channel order by messages desc" />

## Timeline

<Chart name="timeline" />

<Block name="moments" />

_Add what the data cannot show: when the team noticed, decided, posted the first statement._

## Contributing factors and root causes

<Chart name="faults" />

<Chart name="themes" />

_Which faults drove the volume, and why they happened._

## What went well

<Chart name="first-response" />

## What did not go well

<Chart name="coverage" />

## Action items

<ActionItems />

## Data

<Block name="ledger" />
`;
}
