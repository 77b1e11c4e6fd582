// Rows: Tests/Fixtures/tables/sprig-template.json (the values are its `render.values`); Helm's results are recorded
// there by scripts/oracle/record_tables.py. Errors are compared by their innermost message (`error calling …`, or
// the last line of Helm 4's multi-line form).
import FFGenTestSupport
let sprigTemplateCases = OracleTable.load("sprig-template").rows.map(SprigTemplateCase.init)
