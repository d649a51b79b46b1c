/**
 * The starting notebook for a crisis (`reports/<slug>.mdx`), written by
 * `debrief new`. Its sections follow a post-incident review; every figure is
 * a live reference into the report (`<Kpi>`, `{report.…}`), every table a SQL
 * cell, so the text stays true when the data is re-exported. The template
 * fits the crisis: a complaints or ticket crisis opens with cases,
 * resolution and backlog, not with "we received 0 messages".
 */

/** What the crisis holds, as far as `debrief new` can tell. */
export interface CrisisShape {
  /** The crisis has (or its sources will give) social messages. */
  messages: boolean;
  /** The crisis has (or its sources will give) cases: tickets, complaints, service requests. */
  cases: boolean;
  /** Its cases carry what a service desk measures (resolution times, priorities, due times…), so the report has a tickets section; complaints may not. */
  tickets: boolean;
}

/** A crisis of unknown shape (a fresh scaffold): messages, the commonest case. */
export const UNKNOWN_SHAPE: CrisisShape = { messages: true, cases: false, tickets: false };

/** Quotes a string for YAML frontmatter. */
function yamlString(text: string): string {
  return JSON.stringify(text);
}

/** MDX text of a new notebook for crisis `slug` titled `title`, fitted to what the crisis holds. */
export function notebookTemplate(slug: string, title: string, today = new Date().toISOString().slice(0, 10), shape: CrisisShape = UNKNOWN_SHAPE): string {
  const casesOnly = shape.cases && !shape.messages;
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
  - <Kpi name="${casesOnly ? 'tickets.resolution.overall.medianSeconds' : 'response.conversationFirstResponse.median'}" />  a figure with its definition on hover
    (named figures: messages, cases, timeline.peak, timeline.duration, sentiment.negativeShare,
    response.withinSla, response.responseRate, … or any path into report.sections)
  - {report.counts.${casesOnly ? 'cases' : 'messages'}}  any value of the report, inline
  - <Chart name="timeline" />  built-in charts: timeline, sentiment, first-response, coverage, themes, faults, case-categories, backlog, open-cases
  - <Chart sql="select …" mark="lineY" x="…" y="…" />  a chart of your own query
  - <Query sql="select …" />  a table from SQL over messages, cases, message_attributes, case_attributes
  - <Block name="moments" />  summary blocks: summary, kpis, moments, playbook, amplifiers, ledger
  - <Impact />  and  <ActionItems />
  A query that fails stops the build and names this file and line.
*/}

${casesOnly ? casesBody(shape.tickets) : messagesBody(shape.cases, shape.tickets)}
## Action items

<ActionItems />

## Data

<Block name="ledger" />
`;
}

/** The review of a social crisis (with a cases part when tickets come too). */
function messagesBody(withCases: boolean, tickets: boolean): string {
  return `## Summary

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
${withCases ? `
${casesSection('### ', tickets)}` : ''}`;
}

/** The review of a complaints or ticket crisis: cases first, resolution and backlog. */
function casesBody(tickets: boolean): string {
  return `## Summary

Between {report.crisis.window.start?.slice(0, 10)} and {report.crisis.window.end?.slice(0, 10)} we opened
<Kpi name="cases" /> cases. ${
    tickets
      ? `Half were resolved within <Kpi name="tickets.resolution.overall.medianSeconds" />;
<Kpi name="tickets.backlog.openAtEnd" /> were still open when the data ends.`
      : `The first response came after a median of <Kpi name="response.cases.firstResponse.median" />;
<Kpi name="response.cases.timely" /> of cases were answered on time by the export's own flag.`
  }

<Block name="kpis" />

_What happened, in three sentences: trigger, effect on customers, how it ended._

## Impact

<Impact />

<Query title="Cases per category" sql="select coalesce(category, '(none)') as category, count(*) as cases from cases group by 1 order by cases desc, category" />

## Timeline

<Chart name="timeline" />

_Add what the data cannot show: when the team noticed, decided, posted the first statement._

## Contributing factors and root causes

<Chart name="case-categories" />

<Chart name="faults" />

_Which faults drove the volume, and why they happened._

${casesSection('## ', tickets)}
## What went well

_Where the service held: teams or priorities that met their service level._

## What did not go well

_Where cases waited: the oldest open cases, the teams with the longest resolution times._
`;
}

/**
 * Resolution, service level and backlog of the cases, under headings of the
 * given level; for complaints without service-desk fields, their responses.
 */
function casesSection(level: string, tickets: boolean): string {
  if (!tickets) {
    return `${level}Responses to the cases

<Query title="Responses per category" sql="select coalesce(category, '(none)') as category, count(*) as cases, count(first_response_at) as answered from cases group by 1 order by cases desc, category" />
`;
  }
  return `${level}Resolution and service level

Service level met: <Kpi name="tickets.sla.share" />. Cases reopened: <Kpi name="tickets.reopens.rate" />.

<Query title="Resolution by priority" sql="select coalesce(priority, '(none)') as priority, count(*) as cases, count(resolved_at) as resolved, round(median(epoch(resolved_at) - epoch(opened_at)) / 3600, 1) as median_hours from cases group by 1 order by cases desc, priority" />

<Chart name="open-cases" />
`;
}
