/** Does a quality effect measured on small inputs hold at production sizes? (scale ladder, issue 20) */
export * from "./multipliers";
export * from "./extrapolation";
export * from "./figures";
export * from "./featureDrift";
