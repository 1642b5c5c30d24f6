/**
 * Student's t: CDF and quantile against closed forms (df 1 and 2) and reference values (scipy
 * 1.17, recorded), and the one-sample t test on finite values only.
 */
import assert from "node:assert/strict";
import { meanTTest, studentTCdf, studentTQuantile } from "../lib/stats/mod.ts";

const near = (a: number, b: number, tol: number, what: string) =>
  assert.ok(Math.abs(a - b) <= tol, `${what}: ${a} vs ${b}`);

Deno.test("studentTCdf: closed forms for 1 and 2 degrees of freedom, reference values", () => {
  for (const t of [-3, -0.5, 0, 0.7, 2, 10]) {
    near(studentTCdf(t, 1), 0.5 + Math.atan(t) / Math.PI, 1e-12, `Cauchy at ${t}`);
    near(studentTCdf(t, 2), 0.5 + t / (2 * Math.sqrt(2 + t * t)), 1e-12, `df 2 at ${t}`);
  }
  near(studentTCdf(2, 5), 0.9490302605850709, 1e-12, "pt(2, 5)");
  near(studentTCdf(-1.5, 35), 0.07129092211523953, 1e-12, "pt(-1.5, 35)");
  near(studentTCdf(1.96, 1e6), 0.9750019662073651, 1e-9, "large df → normal");
  assert.ok(Number.isNaN(studentTCdf(NaN, 3)) && Number.isNaN(studentTCdf(1, 0)));
});

Deno.test("studentTQuantile: the critical values of a two-sided 5 % test", () => {
  near(studentTQuantile(0.975, 2), 0.95 * Math.sqrt(2 / (1 - 0.95 ** 2)), 1e-9, "df 2");
  near(studentTQuantile(0.975, 10), 2.228138851986274, 1e-9, "df 10");
  near(studentTQuantile(0.975, 35), 2.030107928250343, 1e-9, "df 35");
  near(studentTQuantile(0.025, 35), -2.030107928250343, 1e-9, "lower tail");
  assert.ok(Number.isNaN(studentTQuantile(1, 5)));
});

Deno.test("meanTTest: non-finite values are skipped and not counted", () => {
  const r = meanTTest([0.01, -0.002, 0.004, NaN, Infinity]);
  assert.equal(r.n, 3);
  assert.equal(r.df, 2);
  const m = 0.004, sd = Math.sqrt(((0.006) ** 2 + (0.006) ** 2 + 0) / 2);
  near(r.mean, m, 1e-15, "mean");
  near(r.t, (m / sd) * Math.sqrt(3), 1e-12, "t");
  near(r.pValue, 2 * studentTCdf(-Math.abs(r.t), 2), 1e-15, "p");
  assert.ok(Number.isNaN(meanTTest([1]).t) && Number.isNaN(meanTTest([2, 2]).pValue));
});
