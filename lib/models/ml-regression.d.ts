/**
 * Types for the parts of ml-regression 6.3.0 gwtime uses (the package ships no declarations of its
 * own; its sub-packages' are partial). Shapes follow the package sources in node_modules.
 */
declare module "ml-regression" {
  /** Plain-data form of a one-variable line (SimpleLinearRegression / TheilSenRegression toJSON). */
  export interface LineJSON {
    readonly name: string;
    readonly slope: number;
    readonly intercept: number;
  }

  /** Ordinary least squares y = slope * x + intercept (closed form; NaN slope when x is constant). */
  export class SimpleLinearRegression {
    constructor(x: ArrayLike<number>, y: ArrayLike<number>);
    readonly slope: number;
    readonly intercept: number;
    predict(x: number): number;
    predict(x: readonly number[]): number[];
    toJSON(): LineJSON;
    static load(json: LineJSON): SimpleLinearRegression;
  }

  /** Theil-Sen: median of pairwise slopes, median intercept (O(n²) pairs; throws when all x are equal). */
  export class TheilSenRegression {
    constructor(x: ArrayLike<number>, y: ArrayLike<number>);
    readonly slope: number;
    readonly intercept: number;
    predict(x: number): number;
    predict(x: readonly number[]): number[];
    toJSON(): LineJSON;
    static load(json: LineJSON): TheilSenRegression;
  }

  /** Plain-data form of a MultivariateLinearRegression (weights: inputs (+1 intercept row) x outputs). */
  export interface MLRJSON {
    readonly name: "multivariateLinearRegression";
    readonly weights: number[][];
    readonly inputs: number;
    readonly outputs: number;
    readonly intercept: boolean;
    readonly summary?: unknown;
  }

  /** Least squares through the SVD pseudo-inverse of X'X (rank-deficient X gives a minimum-norm fit). */
  export class MultivariateLinearRegression {
    constructor(x: number[][], y: number[][], options?: { intercept?: boolean; statistics?: boolean });
    readonly weights: number[][];
    predict(x: number[]): number[];
    predict(x: number[][]): number[][];
    toJSON(): MLRJSON;
    static load(json: MLRJSON): MultivariateLinearRegression;
  }
}
