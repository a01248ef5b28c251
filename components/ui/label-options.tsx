/** One <option> per value of a fixed list, shown by its label: the body of an enum <Select>. */
export function LabelOptions<T extends string>({ values, labels }: { values: readonly T[]; labels: Record<T, string> }) {
  return values.map((value) => (
    <option key={value} value={value}>
      {labels[value]}
    </option>
  ));
}
