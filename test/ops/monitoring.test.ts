import { readFileSync } from 'node:fs';
import { parser } from '@prometheus-io/lezer-promql';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { createBotMetrics, recordPipelineEvent } from '../../src/ops/metrics.js';
import { MAGIC, fileBytes } from '../helpers/media-bytes.js';
import { startPipeline } from '../helpers/pipeline.js';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

/** PromQL's own grammar (Prometheus's lezer parser): true when `expr` parses without error. */
function parsesAsPromQL(expr: string): boolean {
  let ok = expr.trim().length > 0;
  parser.parse(expr).iterate({
    enter: (node) => {
      if (node.type.isError) ok = false;
    },
  });
  return ok;
}

/** Every metric name the bot's /metrics serves (a histogram's series included), and `up`. */
async function exported(): Promise<Set<string>> {
  const metrics = createBotMetrics();
  const names = new Set(['up']);
  for (const m of await metrics.registry.registry.getMetricsAsJSON()) {
    names.add(m.name);
    if (String(m.type) === 'histogram')
      for (const suffix of ['_bucket', '_sum', '_count']) names.add(`${m.name}${suffix}`);
    if (String(m.type) === 'summary')
      for (const s of ['_sum', '_count']) names.add(`${m.name}${s}`);
  }
  return names;
}

/** The metric names an expression reads (identifiers followed by a selector, a range or space). */
function metricsIn(expr: string): string[] {
  const names = new Set<string>();
  const tree = parser.parse(expr);
  tree.iterate({
    enter: (node) => {
      if (node.name === 'Identifier' && node.node.parent?.name === 'VectorSelector')
        names.add(expr.slice(node.from, node.to));
    },
  });
  return [...names];
}

type Rule = {
  alert: string;
  expr: string;
  for?: string;
  labels: { severity: string };
  annotations: { summary: string; description: string };
};

describe('docs/monitoring', () => {
  it('prometheus-alerts.yml: valid rule groups whose expressions parse and read only metrics the bot exports', async () => {
    const doc = parseYaml(read('docs/monitoring/prometheus-alerts.yml')) as {
      groups: { name: string; rules: Rule[] }[];
    };
    const known = await exported();
    const rules = doc.groups.flatMap((g) => g.rules);
    expect(rules.length).toBeGreaterThanOrEqual(5);
    expect(new Set(rules.map((r) => r.alert)).size).toBe(rules.length);
    for (const rule of rules) {
      expect(rule.alert, JSON.stringify(rule)).toMatch(/^[A-Z][A-Za-z0-9]+$/);
      expect(parsesAsPromQL(rule.expr), rule.expr).toBe(true);
      const read = metricsIn(rule.expr);
      expect(read.length, rule.expr).toBeGreaterThan(0);
      for (const name of read) expect(known, `${rule.alert}: ${name}`).toContain(name);
      if (rule.for !== undefined) expect(rule.for).toMatch(/^\d+[smh]$/);
      expect(['warning', 'critical']).toContain(rule.labels.severity);
      expect(rule.annotations.summary.length).toBeGreaterThan(0);
      expect(rule.annotations.description.length).toBeGreaterThan(0);
    }
    // The operator's side of a refused IMGPILE_TOKEN has its alert.
    expect(rules.map((r) => r.expr).join('\n')).toContain(
      'imgpile_bot_setup_problem{variable="IMGPILE_TOKEN"}',
    );
  });

  it('grafana-dashboard.json: an importable dashboard whose queries parse and read only metrics the bot exports', async () => {
    const dash = JSON.parse(read('docs/monitoring/grafana-dashboard.json')) as {
      __inputs: { name: string; type: string; pluginId: string }[];
      uid: string;
      title: string;
      schemaVersion: number;
      panels: {
        id: number;
        type: string;
        title: string;
        datasource: { type: string; uid: string };
        gridPos: { x: number; y: number; w: number; h: number };
        targets: { refId: string; expr: string }[];
      }[];
    };
    expect(dash.__inputs).toEqual([
      expect.objectContaining({ name: 'DS_PROMETHEUS', pluginId: 'prometheus' }),
    ]);
    expect(dash.uid).toBe('imgpile-bot');
    expect(dash.schemaVersion).toBeGreaterThanOrEqual(36);
    const known = await exported();
    const used = new Set<string>();
    expect(new Set(dash.panels.map((p) => p.id)).size).toBe(dash.panels.length);
    for (const panel of dash.panels) {
      expect(['timeseries', 'stat']).toContain(panel.type);
      expect(panel.datasource).toEqual({ type: 'prometheus', uid: '${DS_PROMETHEUS}' });
      const { x, w, h } = panel.gridPos;
      expect(x + w, panel.title).toBeLessThanOrEqual(24);
      expect(h).toBeGreaterThan(0);
      expect(panel.targets.length, panel.title).toBeGreaterThan(0);
      for (const target of panel.targets) {
        expect(parsesAsPromQL(target.expr), target.expr).toBe(true);
        for (const name of metricsIn(target.expr)) {
          expect(known, `${panel.title}: ${name}`).toContain(name);
          used.add(name);
        }
      }
    }
    // The two histograms the dashboard exists for are on it.
    expect(used).toContain('imgpile_bot_rehost_latency_seconds_bucket');
    expect(used).toContain('imgpile_bot_upload_duration_seconds_bucket');
  });

  it('the checks above can fail: a misspelt metric and broken PromQL are caught', async () => {
    const known = await exported();
    expect(parsesAsPromQL('sum(rate(imgpile_bot_files_total[5m]) by (')).toBe(false);
    expect(metricsIn('sum(rate(imgpile_bot_file_total[5m]))')).toEqual(['imgpile_bot_file_total']);
    expect(known).not.toContain('imgpile_bot_file_total');
    // Node's default process metrics are served too.
    expect(known).toContain('process_resident_memory_bytes');
    expect(known).toContain('nodejs_eventloop_lag_p99_seconds');
  });
});

describe('metrics on prom-client', () => {
  it('a rehost feeds the rehost latency and upload duration histograms, and the counters as before', async () => {
    const p = await startPipeline();
    try {
      const att = p.discord.addAttachment({
        filename: 'a.png',
        content: fileBytes(4000, MAGIC.png, 3),
        contentType: 'image/png',
      });
      const { requestId } = await p.enqueue({ attachments: [att] });
      await p.waitForResult(requestId);
      const metrics = createBotMetrics();
      for (const e of p.events) recordPipelineEvent(metrics, e);
      const text = await metrics.registry.render();
      expect(text).toContain('imgpile_bot_rehost_latency_seconds_count 1');
      expect(text).toContain('imgpile_bot_upload_duration_seconds_count 1');
      expect(text).toContain('imgpile_bot_files_total{reason="none",result="uploaded"} 1');
      expect(text).toContain('imgpile_bot_uploaded_bytes_total 4000');
      expect(text).toMatch(/^process_resident_memory_bytes \d+/m);
    } finally {
      await p.close();
    }
  });
});
