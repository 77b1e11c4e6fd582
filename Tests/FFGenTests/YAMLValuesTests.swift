import Testing
import Values
import YAMLKit

/// A YAML text and what Helm makes of it, as JSON.
struct FromYamlCase: CustomTestStringConvertible, Sendable {
    let yaml: String
    let json: String
    var testDescription: String { yaml.count > 60 ? String(yaml.prefix(60)) + "…" : yaml }
}

/// Helm's `fromYaml` (`sigs.k8s.io/yaml.Unmarshal` into a map, errors as `{"Error": …}`), recorded with Helm v4
/// through the oracle as `{{ fromYaml . | toJson }}`. The same reader loads values files.
let fromYamlCases: [FromYamlCase] = [
    FromYamlCase(yaml: "a: 1\na: 2\n", json: "{\"a\":2}"),
    FromYamlCase(yaml: "~: 1\n", json: "{\"Error\":\"error converting YAML to JSON: unsupported map key of type: %!s(\\u003cnil\\u003e), key: \\u003cnil\\u003e, value: 1\"}"),
    FromYamlCase(yaml: "1.1: x\n1e10: y\n100000000: z\n", json: "{\"1.1\":\"x\",\"100000000\":\"z\",\"1e+10\":true}"),
    FromYamlCase(yaml: "a: .inf\n", json: "{\"Error\":\"error converting YAML to JSON: json: unsupported value: +Inf\"}"),
    FromYamlCase(yaml: "a: .nan\n", json: "{\"Error\":\"error converting YAML to JSON: json: unsupported value: NaN\"}"),
    FromYamlCase(yaml: "a: -.inf\n", json: "{\"Error\":\"error converting YAML to JSON: json: unsupported value: -Inf\"}"),
    FromYamlCase(yaml: "a: !!str 12\nb: !!int '12'\nc: !foo bar\n", json: "{\"a\":\"12\",\"b\":12,\"c\":\"bar\"}"),
    FromYamlCase(yaml: "a: &x {p: 1, q: 2}\nb:\n  <<: *x\n  q: 3\n", json: "{\"a\":{\"p\":1,\"q\":2},\"b\":{\"p\":1,\"q\":3}}"),
    FromYamlCase(yaml: "a: [1, 2]\n---\nb: 3\n", json: "{\"a\":[1,2]}"),
    FromYamlCase(yaml: "a: 2020-01-01\nb: 08\nc: 0x1F\nd: 1_000\ne: 017\nf: 0o17\ng: 0b101\nh: -0b11\ni: 1:20\n", json: "{\"a\":\"2020-01-01\",\"b\":8,\"c\":31,\"d\":1000,\"e\":15,\"f\":15,\"g\":5,\"h\":-3,\"i\":\"1:20\"}"),
    FromYamlCase(yaml: "? [a, b]\n: 1\n", json: "{\"Error\":\"error converting YAML to JSON: yaml: invalid map key: []interface {}{\\\"a\\\", \\\"b\\\"}\"}"),
    FromYamlCase(yaml: "a: 18446744073709551615\nb: 18446744073709551616\n", json: "{\"a\":18446744073709552000,\"b\":18446744073709552000}"),
    FromYamlCase(yaml: "- a\n", json: "{\"Error\":\"error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go value of type map[string]interface {}\"}"),
    FromYamlCase(yaml: "", json: "{}"),
    FromYamlCase(yaml: "a: b\n--- \n", json: "{\"a\":\"b\"}"),
    FromYamlCase(yaml: "a:\n  - b\n  c: d\n", json: "{\"Error\":\"error converting YAML to JSON: yaml: line 2: did not find expected '-' indicator\"}"),
    FromYamlCase(yaml: "a: &x {p: 1, q: 2}\nb: {q: 3, <<: *x}\n", json: "{\"a\":{\"p\":1,\"q\":2},\"b\":{\"p\":1,\"q\":2}}"),
    FromYamlCase(yaml: "a: &x {p: 1}\nb: &y {p: 2, r: 1}\nc: {<<: [*x, *y]}\n", json: "{\"a\":{\"p\":1},\"b\":{\"p\":2,\"r\":1},\"c\":{\"p\":1,\"r\":1}}"),
    FromYamlCase(yaml: "a: {<<: 3}\n", json: "{\"Error\":\"error converting YAML to JSON: yaml: map merge requires map or sequence of maps as the value\"}"),
    FromYamlCase(yaml: "18446744073709551615: 1\n", json: "{\"Error\":\"error converting YAML to JSON: unsupported map key of type: uint64, key: 0xffffffffffffffff, value: 1\"}"),
    FromYamlCase(yaml: "a: !!int abc\n", json: "{\"Error\":\"error converting YAML to JSON: yaml: cannot decode !!str `abc` as a !!int\"}"),
    FromYamlCase(yaml: "a: *x\n", json: "{\"Error\":\"error converting YAML to JSON: yaml: unknown anchor 'x' referenced\"}"),
    FromYamlCase(yaml: "a: {b: 1, b: 2}\n", json: "{\"a\":{\"b\":2}}"),
    FromYamlCase(yaml: "[a]: 1\n", json: "{\"Error\":\"error converting YAML to JSON: yaml: invalid map key: []interface {}{\\\"a\\\"}\"}"),
    FromYamlCase(yaml: "{a: 1}: 2\n", json: "{\"Error\":\"error converting YAML to JSON: yaml: invalid map key: map[interface {}]interface {}{\\\"a\\\":1}\"}"),
    FromYamlCase(yaml: "a: 'x\n", json: "{\"Error\":\"error converting YAML to JSON: yaml: line 2: found unexpected end of stream\"}"),
    FromYamlCase(yaml: "a: \"\\q\"\n", json: "{\"Error\":\"error converting YAML to JSON: yaml: found unknown escape character\"}"),
    FromYamlCase(yaml: "a:\tb\n", json: "{\"a\":\"b\"}"),
    FromYamlCase(yaml: "a: 1\n b: 2\n", json: "{\"Error\":\"error converting YAML to JSON: yaml: line 2: mapping values are not allowed in this context\"}"),
    FromYamlCase(yaml: "a: b: c\n", json: "{\"Error\":\"error converting YAML to JSON: yaml: mapping values are not allowed in this context\"}"),
    FromYamlCase(yaml: "'foo'\n", json: "{\"Error\":\"error unmarshaling JSON: while decoding JSON: json: cannot unmarshal string into Go value of type map[string]interface {}\"}"),
    FromYamlCase(yaml: "true\n", json: "{\"Error\":\"error unmarshaling JSON: while decoding JSON: json: cannot unmarshal bool into Go value of type map[string]interface {}\"}"),
    FromYamlCase(yaml: "3\n", json: "{\"Error\":\"error unmarshaling JSON: while decoding JSON: json: cannot unmarshal number into Go value of type map[string]interface {}\"}"),
    FromYamlCase(yaml: "a: 1e400\nb: 0x\nc: +0x1F\nd: -017\ne: .5\nf: -.5e3\ng: 1.\nh: 2001-12-14t21:59:43.10-05:00\ni: 2001-13-01\nj: 0b_1\n", json: "{\"a\":\"1e400\",\"b\":\"0x\",\"c\":31,\"d\":-15,\"e\":0.5,\"f\":-500,\"g\":1,\"h\":\"2001-12-14t21:59:43.10-05:00\",\"i\":\"2001-13-01\",\"j\":1}"),
    FromYamlCase(yaml: "x: [y, n, on, off, yes, NO, ~, Null]\n", json: "{\"x\":[true,false,true,false,true,false,null,null]}"),
    FromYamlCase(yaml: "a: !!float 1\nb: !!str true\nc: !!null ''\nd: !!bool yes\n", json: "{\"a\":1,\"b\":\"true\",\"c\":null,\"d\":true}"),
    FromYamlCase(yaml: "a: 1\n---\na: 2\nb: {c: 1}\n---\nb: {d: 2}\n", json: "{\"a\":1}"),
    FromYamlCase(yaml: "---\n---\na: 1\n", json: "{}"),
    FromYamlCase(yaml: "a: 1\n--- foo\nb: 2\n", json: "{\"a\":1}"),
    FromYamlCase(yaml: "a: 1\n--- # comment\nb: 2\n", json: "{\"a\":1}"),
    FromYamlCase(yaml: "# only comment\n", json: "{}"),
    FromYamlCase(yaml: "a: 1\n---\n- x\n", json: "{\"a\":1}"),
    FromYamlCase(yaml: "a: 1\n---\nb: [\n", json: "{\"a\":1}"),
    FromYamlCase(yaml: "a:\n  b:\n    c: [1, 2, {d: e}]\n  f: |\n    text\n    more\n  g: >\n    folded\n    text\n", json: "{\"a\":{\"b\":{\"c\":[1,2,{\"d\":\"e\"}]},\"f\":\"text\\nmore\\n\",\"g\":\"folded text\\n\"}}"),
    FromYamlCase(yaml: "a: 1.0\nb: 1e3\nc: -0\nd: 0.1\ne: 123456789012345678\n", json: "{\"a\":1,\"b\":1000,\"c\":0,\"d\":0.1,\"e\":123456789012345680}"),
    FromYamlCase(yaml: "true: 1\nfalse: 2\nnull: 3\n", json: "{\"Error\":\"error converting YAML to JSON: unsupported map key of type: %!s(\\u003cnil\\u003e), key: \\u003cnil\\u003e, value: 3\"}"),
    FromYamlCase(yaml: "0.1: a\n-1: b\n1e-7: c\n", json: "{\"-1\":\"b\",\"0.1\":\"a\",\"1e-07\":\"c\"}"),
    FromYamlCase(yaml: "a: \"\\u00e9\\x41\"\nb: 'it''s'\n", json: "{\"a\":\"éA\",\"b\":\"it's\"}"),
    FromYamlCase(yaml: "y: 1\nn: 2\nyes: 3\n", json: "{\"false\":2,\"true\":3}"),
    FromYamlCase(yaml: "a:\n- 1\n-\n- ~\n", json: "{\"a\":[1,null,null]}"),
    FromYamlCase(yaml: "a: {}\nb: []\nc:\n", json: "{\"a\":{},\"b\":[],\"c\":null}"),
    FromYamlCase(yaml: "&a a: 1\nb: *a\n", json: "{\"a\":1,\"b\":\"a\"}"),
    FromYamlCase(yaml: "a: &x 1\nb: *x\n", json: "{\"a\":1,\"b\":1}"),
    FromYamlCase(yaml: "a: !!binary aGVsbG8=\n", json: "{\"a\":\"hello\"}"),
    FromYamlCase(yaml: "\u{feff}a: 1\n", json: "{\"a\":1}"),
    FromYamlCase(yaml: "a: 1\r\nb: 2\r\n", json: "{\"a\":1,\"b\":2}"),
    FromYamlCase(yaml: "a: [1, 2\n", json: "{\"Error\":\"error converting YAML to JSON: yaml: line 1: did not find expected ',' or ']'\"}"),
    FromYamlCase(yaml: "{a: 1\n", json: "{\"Error\":\"error converting YAML to JSON: yaml: line 1: did not find expected ',' or '}'\"}"),
    FromYamlCase(yaml: "a: b\n  c\n", json: "{\"a\":\"b c\"}"),
    FromYamlCase(yaml: "a:\n\t- b\n", json: "{\"Error\":\"error converting YAML to JSON: yaml: line 2: found character that cannot start any token\"}"),
    FromYamlCase(yaml: "key with spaces: 1\n\"quoted key\": 2\n'single': 3\n", json: "{\"key with spaces\":1,\"quoted key\":2,\"single\":3}"),
    FromYamlCase(yaml: "a: |\n  x\n  y\n", json: "{\"a\":\"x\\ny\\n\"}"),
    FromYamlCase(yaml: "a: >-\n  x\n  y\n", json: "{\"a\":\"x y\"}"),
    FromYamlCase(yaml: "a: 'it''s'\n", json: "{\"a\":\"it's\"}"),
    FromYamlCase(yaml: "a: 1\nb:\n  c: [x, y]\n", json: "{\"a\":1,\"b\":{\"c\":[\"x\",true]}}"),
    FromYamlCase(yaml: "- 1\n- 2\n", json: "{\"Error\":\"error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go value of type map[string]interface {}\"}"),
    FromYamlCase(yaml: "", json: "{}"),
    FromYamlCase(yaml: "a: !!timestamp 2020-01-01\n", json: "{\"a\":\"2020-01-01\"}"),
    FromYamlCase(yaml: "a: !!int 0x10\n", json: "{\"a\":16}"),
    FromYamlCase(yaml: "a: !!float abc\n", json: "{\"Error\":\"error converting YAML to JSON: yaml: cannot decode !!str `abc` as a !!float\"}"),
    FromYamlCase(yaml: "a: !!bool 1\n", json: "{\"Error\":\"error converting YAML to JSON: yaml: cannot decode !!int `1` as a !!bool\"}"),
    FromYamlCase(yaml: "a: &anchor\n  x: 1\nb: *anchor\n", json: "{\"a\":{\"x\":1},\"b\":{\"x\":1}}"),
    FromYamlCase(yaml: "<<: {a: 1}\nb: 2\n", json: "{\"a\":1,\"b\":2}"),
    FromYamlCase(yaml: "'<<': {a: 1}\n", json: "{\"\\u003c\\u003c\":{\"a\":1}}"),
    FromYamlCase(yaml: "a: <<\n", json: "{\"a\":\"\\u003c\\u003c\"}"),
    FromYamlCase(yaml: "a: [[1], {b: c}]\n", json: "{\"a\":[[1],{\"b\":\"c\"}]}"),
    FromYamlCase(yaml: "a: [1, 2\n", json: "{\"Error\":\"error converting YAML to JSON: yaml: line 1: did not find expected ',' or ']'\"}"),
    FromYamlCase(yaml: "{a: 1\n", json: "{\"Error\":\"error converting YAML to JSON: yaml: line 1: did not find expected ',' or '}'\"}"),
    FromYamlCase(yaml: "a: b\n  c\n", json: "{\"a\":\"b c\"}"),
    FromYamlCase(yaml: "a:\n\t- b\n", json: "{\"Error\":\"error converting YAML to JSON: yaml: line 2: found character that cannot start any token\"}"),
    FromYamlCase(yaml: "a: 'x\n", json: "{\"Error\":\"error converting YAML to JSON: yaml: line 2: found unexpected end of stream\"}"),
    FromYamlCase(yaml: "a: \"x\n", json: "{\"Error\":\"error converting YAML to JSON: yaml: line 2: found unexpected end of stream\"}"),
    FromYamlCase(yaml: "a: |\n x\n  y\n z\n", json: "{\"a\":\"x\\n y\\nz\\n\"}"),
    FromYamlCase(yaml: "- a\nb: 1\n", json: "{\"Error\":\"error converting YAML to JSON: yaml: line 1: did not find expected '-' indicator\"}"),
    FromYamlCase(yaml: "a: 1\n- b\n", json: "{\"Error\":\"error converting YAML to JSON: yaml: line 1: did not find expected key\"}"),
    FromYamlCase(yaml: "a: &x\nb: *y\n", json: "{\"Error\":\"error converting YAML to JSON: yaml: unknown anchor 'y' referenced\"}"),
    FromYamlCase(yaml: "a: !<tag 1\n", json: "{\"Error\":\"error converting YAML to JSON: yaml: did not find the expected '\\u003e'\"}"),
    FromYamlCase(yaml: "%YAML 1.1\n%YAML 1.1\na: 1\n", json: "{\"Error\":\"error converting YAML to JSON: yaml: line 1: found duplicate %YAML directive\"}"),
    FromYamlCase(yaml: "%FOO bar\na: 1\n", json: "{\"Error\":\"error converting YAML to JSON: yaml: found unknown directive name\"}"),
    FromYamlCase(yaml: "a: @x\n", json: "{\"Error\":\"error converting YAML to JSON: yaml: found character that cannot start any token\"}"),
    FromYamlCase(yaml: "a: `x\n", json: "{\"Error\":\"error converting YAML to JSON: yaml: found character that cannot start any token\"}"),
    FromYamlCase(yaml: "a:\n  b: 1\n c: 2\n", json: "{\"Error\":\"error converting YAML to JSON: yaml: line 2: did not find expected key\"}"),
    FromYamlCase(yaml: "a: [b, c]]\n", json: "{\"Error\":\"error converting YAML to JSON: yaml: did not find expected key\"}"),
    FromYamlCase(yaml: "a: {b: c}}\n", json: "{\"Error\":\"error converting YAML to JSON: yaml: did not find expected key\"}"),
    FromYamlCase(yaml: "? a\n? b\n", json: "{\"a\":null,\"b\":null}"),
    FromYamlCase(yaml: "a: 1\n...\nb: 2\n", json: "{\"a\":1}"),
    FromYamlCase(yaml: "a: >\n  x\n y\n", json: "{\"Error\":\"error converting YAML to JSON: yaml: line 2: did not find expected key\"}"),
    FromYamlCase(yaml: "'a\n", json: "{\"Error\":\"error converting YAML to JSON: yaml: line 2: found unexpected end of stream\"}"),
    FromYamlCase(yaml: "\"\\x4\"\n", json: "{\"Error\":\"error converting YAML to JSON: yaml: did not find expected hexdecimal number\"}"),
    FromYamlCase(yaml: "a: \"\\u00\"\n", json: "{\"Error\":\"error converting YAML to JSON: yaml: did not find expected hexdecimal number\"}"),
    FromYamlCase(yaml: "a: !!map 1\n", json: "{\"a\":\"1\"}"),
    FromYamlCase(yaml: "a: !!seq x\n", json: "{\"a\":\"x\"}"),
    FromYamlCase(yaml: "key: value\n  nested: bad\n", json: "{\"Error\":\"error converting YAML to JSON: yaml: line 2: mapping values are not allowed in this context\"}"),
    FromYamlCase(yaml: "a: b\n\tc: d\n", json: "{\"Error\":\"error converting YAML to JSON: yaml: line 2: found a tab character that violates indentation\"}"),
    FromYamlCase(yaml: "list:\n- a\n - b\n", json: "{\"list\":[\"a - b\"]}"),
    FromYamlCase(yaml: "x: [a, b\ny: 1\n", json: "{\"Error\":\"error converting YAML to JSON: yaml: line 1: did not find expected ',' or ']'\"}"),
    FromYamlCase(yaml: "a:\n  - b\n  -c\n d: 1\n", json: "{\"Error\":\"error converting YAML to JSON: yaml: line 4: could not find expected ':'\"}"),
    FromYamlCase(yaml: "\t\n", json: "{\"Error\":\"error converting YAML to JSON: yaml: found character that cannot start any token\"}"),
    FromYamlCase(yaml: "a: 1 # ok\nb: 2 #\n", json: "{\"a\":1,\"b\":2}"),
    FromYamlCase(yaml: "a: 'it's'\n", json: "{\"Error\":\"error converting YAML to JSON: yaml: did not find expected key\"}"),
    FromYamlCase(yaml: "a: \"unterminated\n\nb: 1\n", json: "{\"Error\":\"error converting YAML to JSON: yaml: line 4: found unexpected end of stream\"}"),
    FromYamlCase(yaml: "&a [*a]\n", json: "{\"Error\":\"error converting YAML to JSON: yaml: anchor 'a' value contains itself\"}"),
    FromYamlCase(yaml: "a: *a\n", json: "{\"Error\":\"error converting YAML to JSON: yaml: unknown anchor 'a' referenced\"}"),
    FromYamlCase(yaml: "a: &a b\nc: &a d\ne: *a\n", json: "{\"a\":\"b\",\"c\":\"d\",\"e\":\"d\"}"),
    // Alias expansion limits (go-yaml: document contains excessive aliasing).
    FromYamlCase(yaml: "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\ng: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]\n", json: "{\"Error\":\"error converting YAML to JSON: yaml: document contains excessive aliasing\"}"),
    FromYamlCase(yaml: "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n", json: "{\"a\":[\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"],\"b\":[[\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"],[\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"],[\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"],[\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"],[\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"],[\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"],[\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"],[\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"],[\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"]],\"c\":[[[\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"],[\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"],[\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"],[\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"],[\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"],[\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"],[\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"],[\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"],[\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"]],[[\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"],[\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"],[\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"],[\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"],[\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"],[\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"],[\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"],[\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"],[\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"]],[[\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"],[\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"],[\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"],[\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"],[\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"],[\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"],[\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"],[\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"],[\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"]],[[\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"],[\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"],[\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"],[\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"],[\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"],[\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"],[\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"],[\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"],[\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"]],[[\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"],[\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"],[\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"],[\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"],[\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"],[\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"],[\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"],[\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"],[\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"]],[[\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"],[\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"],[\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"],[\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"],[\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"],[\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"],[\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"],[\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"],[\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"]],[[\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"],[\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"],[\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"],[\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"],[\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"],[\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"],[\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"],[\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"],[\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"]],[[\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"],[\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"],[\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"],[\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"],[\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"],[\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"],[\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"],[\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"],[\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"]],[[\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"],[\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"],[\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"],[\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"],[\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"],[\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"],[\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"],[\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"],[\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"]]]}"),
    FromYamlCase(yaml: "x: &x {a: 1}\ny0: *x\ny1: *x\ny2: *x\ny3: *x\ny4: *x\ny5: *x\ny6: *x\ny7: *x\ny8: *x\ny9: *x\ny10: *x\ny11: *x\ny12: *x\ny13: *x\ny14: *x\ny15: *x\ny16: *x\ny17: *x\ny18: *x\ny19: *x\ny20: *x\ny21: *x\ny22: *x\ny23: *x\ny24: *x\ny25: *x\ny26: *x\ny27: *x\ny28: *x\ny29: *x\ny30: *x\ny31: *x\ny32: *x\ny33: *x\ny34: *x\ny35: *x\ny36: *x\ny37: *x\ny38: *x\ny39: *x\n", json: "{\"x\":{\"a\":1},\"y0\":{\"a\":1},\"y1\":{\"a\":1},\"y10\":{\"a\":1},\"y11\":{\"a\":1},\"y12\":{\"a\":1},\"y13\":{\"a\":1},\"y14\":{\"a\":1},\"y15\":{\"a\":1},\"y16\":{\"a\":1},\"y17\":{\"a\":1},\"y18\":{\"a\":1},\"y19\":{\"a\":1},\"y2\":{\"a\":1},\"y20\":{\"a\":1},\"y21\":{\"a\":1},\"y22\":{\"a\":1},\"y23\":{\"a\":1},\"y24\":{\"a\":1},\"y25\":{\"a\":1},\"y26\":{\"a\":1},\"y27\":{\"a\":1},\"y28\":{\"a\":1},\"y29\":{\"a\":1},\"y3\":{\"a\":1},\"y30\":{\"a\":1},\"y31\":{\"a\":1},\"y32\":{\"a\":1},\"y33\":{\"a\":1},\"y34\":{\"a\":1},\"y35\":{\"a\":1},\"y36\":{\"a\":1},\"y37\":{\"a\":1},\"y38\":{\"a\":1},\"y39\":{\"a\":1},\"y4\":{\"a\":1},\"y5\":{\"a\":1},\"y6\":{\"a\":1},\"y7\":{\"a\":1},\"y8\":{\"a\":1},\"y9\":{\"a\":1}}"),
    // Go %#v of values in key errors.
    FromYamlCase(yaml: "#x\n?\n", json: "{\"Error\":\"error converting YAML to JSON: unsupported map key of type: %!s(\\u003cnil\\u003e), key: \\u003cnil\\u003e, value: \\u003cnil\\u003e\"}"),
    FromYamlCase(yaml: "&a:\n", json: "{\"Error\":\"error converting YAML to JSON: unsupported map key of type: %!s(\\u003cnil\\u003e), key: \\u003cnil\\u003e, value: \\u003cnil\\u003e\"}"),
    FromYamlCase(yaml: "~: [1, ~]\n", json: "{\"Error\":\"error converting YAML to JSON: unsupported map key of type: %!s(\\u003cnil\\u003e), key: \\u003cnil\\u003e, value: []interface {}{1, interface {}(nil)}\"}"),
    FromYamlCase(yaml: "~: {a: ~}\n", json: "{\"Error\":\"error converting YAML to JSON: unsupported map key of type: %!s(\\u003cnil\\u003e), key: \\u003cnil\\u003e, value: map[interface {}]interface {}{\\\"a\\\":interface {}(nil)}\"}"),
    FromYamlCase(yaml: "[x, ~]: 1\n", json: "{\"Error\":\"error converting YAML to JSON: yaml: invalid map key: []interface {}{\\\"x\\\", interface {}(nil)}\"}"),
    FromYamlCase(yaml: "{a: ~, b: [~]}: 1\n", json: "{\"Error\":\"error converting YAML to JSON: yaml: invalid map key: map[interface {}]interface {}{\\\"a\\\":interface {}(nil), \\\"b\\\":[]interface {}{interface {}(nil)}}\"}"),
    // go-yaml errors come before the key conversion errors of sigs.k8s.io/yaml.
    FromYamlCase(yaml: "? \n? k:\n  - z\n\n", json: "{\"Error\":\"error converting YAML to JSON: yaml: invalid map key: map[interface {}]interface {}{\\\"k\\\":[]interface {}{\\\"z\\\"}}\"}"),
    FromYamlCase(yaml: "~: 1\n? [a]\n: 2\n", json: "{\"Error\":\"error converting YAML to JSON: yaml: invalid map key: []interface {}{\\\"a\\\"}\"}"),
    FromYamlCase(yaml: "{1: a, ~: b}: c\n", json: "{\"Error\":\"error converting YAML to JSON: yaml: invalid map key: map[interface {}]interface {}{interface {}(nil):\\\"b\\\", 1:\\\"a\\\"}\"}"),
    FromYamlCase(yaml: "18446744073709551615: 1\n? [x]\n: 2\n", json: "{\"Error\":\"error converting YAML to JSON: yaml: invalid map key: []interface {}{\\\"x\\\"}\"}"),
]

@Test(arguments: fromYamlCases)
func yamlFromYamlMatchesHelm(_ row: FromYamlCase) throws {
    #expect(try GoJSON.marshal(HelmYAML.fromYaml(row.yaml)) == row.json)
}

/// Helm's `fromYamlArray`, recorded as `{{ fromYamlArray . | toJson }}`.
let fromYamlArrayCases: [FromYamlCase] = [
    FromYamlCase(yaml: "- a\n- b\n", json: "[\"a\",\"b\"]"),
    FromYamlCase(yaml: "a: 1\n", json: "[\"error unmarshaling JSON: while decoding JSON: json: cannot unmarshal object into Go value of type []interface {}\"]"),
    FromYamlCase(yaml: "", json: "[]"),
    FromYamlCase(yaml: "- 1\n- [2, 3]\n- {x: y}\n", json: "[1,[2,3],{\"x\":true}]"),
    FromYamlCase(yaml: "- [\n", json: "[\"error converting YAML to JSON: yaml: line 1: did not find expected node content\"]"),
    FromYamlCase(yaml: "3\n", json: "[\"error unmarshaling JSON: while decoding JSON: json: cannot unmarshal number into Go value of type []interface {}\"]"),
    FromYamlCase(yaml: "null\n", json: "[]"),
    FromYamlCase(yaml: "- y\n- ~\n", json: "[true,null]"),
]

@Test(arguments: fromYamlArrayCases)
func yamlFromYamlArrayMatchesHelm(_ row: FromYamlCase) throws {
    #expect(try GoJSON.marshal(HelmYAML.fromYamlArray(row.yaml)) == row.json)
}

/// A values file and the values Helm loads from it (JSON), or `ERR ` and Helm's message after
/// `cannot load values.yaml: `. Recorded with Helm v4 as a chart's values.yaml rendered by `{{ toJson .Values }}`.
struct LoadValuesCase: CustomTestStringConvertible, Sendable {
    let yaml: String
    let json: String
    var testDescription: String { yaml }
}

let loadValuesCases: [LoadValuesCase] = [
    LoadValuesCase(yaml: "a: 1\n---\na: 2\nb: {c: 1}\n---\nb: {d: 2}\n", json: "{\"a\":2,\"b\":{\"c\":1,\"d\":2}}"),
    LoadValuesCase(yaml: "---\n---\na: 1\n", json: "{\"a\":1}"),
    LoadValuesCase(yaml: "a: 1\n--- foo\nb: 2\n", json: "ERR error reading yaml document: invalid Yaml document separator: foo"),
    LoadValuesCase(yaml: "a: 1\n--- # comment\nb: 2\n", json: "{\"a\":1,\"b\":2}"),
    LoadValuesCase(yaml: "# only comment\n", json: "{}"),
    LoadValuesCase(yaml: "a: 1\n---\n- x\n", json: "ERR cannot unmarshal yaml document: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go value of type map[string]interface {}"),
    LoadValuesCase(yaml: "a: 1\n---\nb: [\n", json: "ERR cannot unmarshal yaml document: error converting YAML to JSON: yaml: line 1: did not find expected node content"),
    LoadValuesCase(yaml: "a: 1\n---\nb: 'x\n", json: "ERR cannot unmarshal yaml document: error converting YAML to JSON: yaml: line 2: found unexpected end of stream"),
    LoadValuesCase(yaml: "a: {x: 1}\n---\na: 2\n", json: "{\"a\":2}"),
    LoadValuesCase(yaml: "a: 2\n---\na: {x: 1}\n", json: "{\"a\":{\"x\":1}}"),
    LoadValuesCase(yaml: "a:\n  b: [1]\n---\na:\n  b: [2]\n  c: 3\n", json: "{\"a\":{\"b\":[2],\"c\":3}}"),
    LoadValuesCase(yaml: "a: 1", json: "{\"a\":1}"),
    LoadValuesCase(yaml: "---a: 1\n", json: "ERR error reading yaml document: invalid Yaml document separator: a: 1"),
    LoadValuesCase(yaml: "a: 1\n...\n---\nb: 2\n", json: "{\"a\":1,\"b\":2}"),
    LoadValuesCase(yaml: "  ---\na: 1\n", json: "ERR cannot unmarshal yaml document: error converting YAML to JSON: yaml: line 2: mapping values are not allowed in this context"),
]

@Test(arguments: loadValuesCases)
func yamlLoadValuesMatchesHelm(_ row: LoadValuesCase) throws {
    do {
        let values = try HelmYAML.loadValues(row.yaml, file: "values.yaml")
        #expect(try GoJSON.marshal(.map(values)) == row.json)
    } catch {
        #expect("ERR " + String(describing: error) == row.json)
    }
}

@Test func yamlValuesAreFloat64() throws {
    let values = try HelmYAML.parseValues("a: 1\nb: 0x10\nc: [1.5]\n")
    guard case .float(let a)? = values["a"], case .float(let b)? = values["b"] else {
        Issue.record("numbers must be floats")
        return
    }
    #expect(a == 1)
    #expect(b == 16)
}

@Test func yamlValueLocations() throws {
    let text = "# header\ncerts:\n  certificates:\n    - name: a\n    - name: é\n      dnsNames: [x.example, y.example]\n"
    let (values, locations) = try HelmYAML.parseValuesWithLocations(text, file: "values.yaml")
    #expect(values["certs"] != nil)
    let list = try #require(locations.values["certs.certificates[1].dnsNames"])
    #expect(list == SourceLocation(file: "values.yaml", line: 6, column: 17, offset: 77))
    let second = try #require(locations.values["certs.certificates[1].dnsNames[1]"])
    #expect(second.line == 6)
    #expect(second.column == 29)
    // A key's location is preferred for map entries.
    let key = try #require(locations["certs.certificates[1].dnsNames"])
    #expect(key.line == 6)
    #expect(key.column == 7)
    // Columns count bytes: "é" is two bytes, so the value after "name: é" is unaffected but a later scalar is.
    let name = try #require(locations.values["certs.certificates[1].name"])
    #expect(name.column == 13)
}

@Test func yamlLoadValuesLocationsAreFileRelative() throws {
    let text = "a: 1\n---\nb:\n  c: 2\n"
    let (_, locations) = try HelmYAML.loadValuesWithLocations(text, file: "v.yaml")
    let c = try #require(locations.values["b.c"])
    #expect(c.line == 4)
    #expect(c.column == 6)
    #expect(c.offset == 17)
}

@Test func yamlErrorCarriesLocation() {
    #expect(throws: HelmYAMLError.self) { try HelmYAML.parseValues("a:\n  - b\n  c: d\n", file: "values.yaml") }
    do {
        _ = try HelmYAML.parseValues("a:\n  - b\n  c: d\n", file: "values.yaml")
    } catch {
        #expect(error.message == "error converting YAML to JSON: yaml: line 2: did not find expected '-' indicator")
        #expect(error.location?.line == 3)
        #expect(error.location?.file == "values.yaml")
    }
}

@Test func yamlParseMapNamesTheGoType() {
    // Helm v4 rendering a template whose output is a list:
    // "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go value of type util.SimpleHead".
    do {
        _ = try HelmYAML.parseMap("- a\n", goTypeName: "util.SimpleHead")
        Issue.record("expected an error")
    } catch {
        #expect(
            error.message
                == "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go value of type util.SimpleHead")
    }
}

@Test func yamlParseAllDocuments() throws {
    let docs = try HelmYAML.parseAllDocuments("a: 1\n---\n- x\n---\n")
    #expect(docs.count == 3)
    #expect(try GoJSON.marshal(.list(docs)) == "[{\"a\":1},[\"x\"],null]")
}

/// Chart.yaml fields as Helm v4 decodes them into its `Metadata` struct, recorded through the oracle with
/// `{{ .Chart.AppVersion | quote }}`, `{{ .Chart.Keywords | toJson }}` and so on.
@Test(arguments: [
    ("appVersion: 1.10\n", "appVersion", "\"1.1\""),
    ("appVersion: 1.0\ndescription: 12345678\n", "appVersion", "\"1\""),
    ("appVersion: 1.0\ndescription: 12345678\n", "description", "\"12345678\""),
    ("appVersion: 1e10\ndescription: true\n", "appVersion", "\"1e+10\""),
    ("appVersion: 1e10\ndescription: true\n", "description", "\"true\""),
    ("keywords: [1, 2.5, true]\n", "keywords", "[\"1\",\"2.5\",\"true\"]"),
    ("annotations: {a: 1, b: 1.50}\n", "annotations", "{\"a\":\"1\",\"b\":\"1.5\"}"),
    ("appVersion: 0.1234567891\n", "appVersion", "\"0.12345679\""),
    ("appVersion: 16777217\n", "appVersion", "\"16777217\""),
])
func yamlStringFieldsOfTypedTargets(_ text: String, _ field: String, _ json: String) throws {
    let metadata = GoJSONTarget.structure([
        "appVersion": .string, "description": .string, "keywords": .slice(.string), "annotations": .map(.string),
    ])
    let value = try HelmYAML.parseAny(text, target: metadata)
    let got = try #require(value.mapValue?[field])
    #expect(try GoJSON.marshal(got) == json)
}

@Test func yamlGoStructFieldMatchesCaseInsensitively() throws {
    // Helm v4 sorts a document with `KIND: Namespace` as a Namespace: SimpleHead's `kind` field takes it.
    let head = GoJSONTarget.structure(["kind": .string, "metadata": .structure(["name": .string])])
    let doc = try #require(try HelmYAML.parseAny("KIND: Namespace\n", target: head).mapValue)
    #expect(doc.goStructField("kind")?.stringValue == "Namespace")
    // `kind: 5` reads as the text "5" (an unknown kind).
    let five = try #require(try HelmYAML.parseAny("kind: 5\n", target: head).mapValue)
    #expect(five.goStructField("kind")?.stringValue == "5")
}
