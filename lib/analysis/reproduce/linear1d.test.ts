import assert from "node:assert/strict";
import { test } from "node:test";
import { bayesianRidge1D, ols1D, predictLine } from "./linear1d";
import { ksCdf, ksStatistic, ksTestPValue, normalCdf } from "./ksTest";

const close = (a: number, b: number, rel = 1e-9): void => assert.ok(Math.abs(a - b) <= rel * Math.max(1, Math.abs(b)), `${a} vs ${b}`);

test("bayesianRidge1D matches scikit-learn 1.9 BayesianRidge()", () => {
  // reference values from sklearn.linear_model.BayesianRidge().fit(x.reshape(-1, 1), y)
  const l = bayesianRidge1D([1e8, 2e8, 4e8, 8e8, 1.6e9, 3.2e9], [5200, 9800, 21000, 39000, 83000, 160500]);
  close(l.slope, 5.032764138012035e-5);
  close(l.intercept, 239.30988420697395, 1e-9);
  close(predictLine(l, 6.4e9), 322336.2147169772);
  const s = bayesianRidge1D([1, 2, 3, 4, 5], [1.2, 1.9, 3.2, 3.8, 5.3]);
  close(s.slope, 1.005371237366287);
  close(s.intercept, 0.06388628790113815);
});

test("ols1D fits an exact line and handles constant x", () => {
  assert.deepEqual(ols1D([0, 1, 2], [1, 3, 5]), { intercept: 1, slope: 2 });
  assert.deepEqual(ols1D([2, 2], [1, 3]), { intercept: 2, slope: 0 });
});

test("KS distribution and test match scipy (kstwo.cdf, kstest exact)", () => {
  close(ksCdf(0.3, 6), 0.44498493827160485, 1e-12);
  close(ksCdf(0.5, 6), 0.9344135802469136, 1e-12);
  close(ksCdf(0.2, 10), 0.25128096000000005, 1e-12);
  close(ksCdf(0.1, 6), 9.876543209876592e-7, 1e-9);
  const data = [5, 7, 6.5, 9, 4, 6];
  const mu = 6.25;
  const sd = Math.sqrt(data.reduce((s, v) => s + (v - mu) ** 2, 0) / 5);
  close(ksStatistic(data, (x) => normalCdf(x, mu, sd)), 0.1651768725455911, 1e-6);
  close(ksTestPValue(data, (x) => normalCdf(x, mu, sd)), 0.986150985183116, 1e-6);
});
