/** Named feature columns with units and transforms: from records to the model's X. */
import { GwtInputError } from "../util/errors";
import { forward, type ModelFeatureTransform } from "../util/transforms";

/** How a raw value is transformed before the model sees it (defined in lib/util/transforms). */
export type FeatureTransform = ModelFeatureTransform;

/**
 * One model input. `name` is the source column: the key of the value in a QC/feature record
 * (`fastqc.total_sequences`); `registryName` the feature registry's name for it (`reads`), when the
 * feature comes from the registry (absent in files written before it was recorded, and for columns
 * `gwtime train` takes from a table as they are); unit (in the name's spirit: "bytes", "count", "1");
 * transform, applied by `featureMatrix` through lib/util/transforms.
 */
export interface FeatureSpec {
  readonly name: string;
  readonly unit: string;
  readonly transform: FeatureTransform;
  readonly registryName?: string;
}

/** A feature row as produced by lib/features or read from a CSV/JSON table. */
export type FeatureRecord = Readonly<Record<string, number | undefined | null>>;

/** Feature names required by specs that no record provides (the input lacks the column). */
export function missingFeatures(records: readonly FeatureRecord[], specs: readonly FeatureSpec[]): string[] {
  return specs.filter((s) => !records.some((r) => Object.prototype.hasOwnProperty.call(r, s.name))).map((s) => s.name);
}

/**
 * X rows for `specs` from records: missing/undefined/null values become NaN (the models handle it);
 * a column absent from every record is an input error naming it.
 * @example featureMatrix([{ inputBytes: 1e9, gcPct: 41 }], [{ name: "inputBytes", unit: "bytes", transform: "log1p" }, { name: "gcPct", unit: "%", transform: "identity" }])
 */
export function featureMatrix(records: readonly FeatureRecord[], specs: readonly FeatureSpec[], source?: string): Float64Array[] {
  const miss = missingFeatures(records, specs);
  if (miss.length > 0) throw new GwtInputError(`input lacks feature(s) the model needs: ${miss.join(", ")}`, source ? { file: source } : {});
  return records.map((r) =>
    Float64Array.from(specs, (s) => {
      const v = r[s.name];
      if (v === undefined || v === null || !Number.isFinite(v)) return NaN;
      return forward(s.transform, v);
    }),
  );
}
