import Testing
import Values
@testable import GoTemplate

@Suite struct GoTemplatePrintfTests {
    @Test(arguments: printfOracleCases)
    func matchesHelm(_ c: OracleCase) { checkOracleCase(c) }
}

// Expected results recorded with Helm v4 (helm_python oracle); errors are in Helm's rendering.
let printfOracleCases: [OracleCase] = [
    OracleCase("{{ printf \"%d|%5d|%-5d|%05d|%+d|% d|%x|%X|%o|%O|%b|%#x|%#o|%c|%q|%U|%#U\" 42 42 42 -42 42 42 255 255 8 8 5 255 8 65 65 65 65 }}", output: "42|   42|42   |-0042|+42| 42|ff|FF|10|0o10|101|0xff|010|A|'A'|U+0041|U+0041 'A'"),
    OracleCase("{{ printf \"%s|%10s|%-10s|%.2s|%q|%x|%X|% x|%#q|%+q\" \"abc\" \"abc\" \"abc\" \"abc\" \"a\\\"b\" \"hi\" \"hi\" \"hi\" \"ab\" \"é\" }}", output: "abc|       abc|abc       |ab|\"a\\\"b\"|6869|6869|68 69|`ab`|\"\\u00e9\""),
    OracleCase("{{ printf \"%v|%f|%.2f|%e|%E|%g|%G|%8.3f|%-8.2f|%+.1f|%08.3f|%.0f|%.3g|%g\" 1.5 1.5 3.14159 1234.5678 1234.5678 0.000012 1e21 3.14159 2.5 2.5 -3.14159 2.5 1234.5678 100000.0 }}", output: "1.5|1.500000|3.14|1.234568e+03|1.234568E+03|1.2e-05|1E+21|   3.142|2.50    |+2.5|-003.142|2|1.23e+03|100000"),
    OracleCase("{{ printf \"%t|%v|%5t|%d\" true false true true }}", output: "true|false| true|%!d(bool=true)"),
    OracleCase("{{ printf \"%d\" \"abc\" }}", output: "%!d(string=abc)"),
    OracleCase("{{ printf \"%s\" 1 }}", output: "%!s(int=1)"),
    OracleCase("{{ printf \"%d %d\" 1 }}", output: "1 %!d(MISSING)"),
    OracleCase("{{ printf \"%d\" 1 2 \"x\" }}", output: "1%!(EXTRA int=2, string=x)"),
    OracleCase("{{ printf \"%v %v\" .Values.list .Values.a }}", output: "[1 2] map[b:1]"),
    OracleCase("{{ printf \"%d\" .Values.list }}", output: "[%!d(float64=1) %!d(float64=2)]"),
    OracleCase("{{ printf \"%T %T %T %T %T %T %T\" 1 1.5 \"s\" true .Values.list .Values.a nil }}", output: "int float64 string bool []interface {} map[string]interface {} <nil>"),
    OracleCase("{{ printf \"%v|%s|%d\" nil nil nil }}", output: "<nil>|%!s(<nil>)|%!d(<nil>)"),
    OracleCase("{{ printf \"%#v %#v %#v %#v\" 1 \"s\" .Values.list .Values.a }}", output: "1 \"s\" []interface {}{1, 2} map[string]interface {}{\"b\":1}"),
    OracleCase("{{ printf \"%\" }}", output: "%!(NOVERB)"),
    OracleCase("{{ printf \"%!\" }}", output: "%!!(MISSING)"),
    OracleCase("{{ printf \"%z\" 1 }}", output: "%!z(int=1)"),
    OracleCase("{{ printf \"%*d|%-*d|%.*f\" 5 1 5 1 2 3.14159 }}", output: "    1|1    |3.14"),
    OracleCase("{{ printf \"%[2]d %[1]d\" 1 2 }}", output: "2 1"),
    OracleCase("{{ printf \"%[3]d\" 1 2 }}", output: "%!d(BADINDEX)"),
    OracleCase("{{ printf \"%6.2f%%\" 12.3456 }}", output: " 12.35%"),
    OracleCase("{{ printf \"%x\" 1.5 }}", output: "0x1.8p+00"),
    OracleCase("{{ printf \"%10.3e|%-12g|\" 12345.678 0.5 }}", output: " 1.235e+04|0.5         |"),
    OracleCase("{{ printf \"%v\" .Values.f }}", output: "1e+06"),
    OracleCase("{{ print 1 2 \"a\" \"b\" 3 nil }}", output: "1 2ab3 <nil>"),
    OracleCase("{{ println 1 \"a\" nil }}", output: "1 a <nil>\n"),
    OracleCase("{{ html \"<a href=\\\"x\\\">'&'</a>\" }} {{ js \"a'b\\\"c<>&=\\\\ \\n é\" }} {{ urlquery \"a b&c=d/é\" }}", output: "&lt;a href=&#34;x&#34;&gt;&#39;&amp;&#39;&lt;/a&gt; a\\'b\\\"c\\u003C\\u003E\\u0026\\u003D\\\\ \\u000A é a+b%26c%3Dd%2F%C3%A9"),
    OracleCase("{{ html 1 2 }} {{ js .Values.list }}", output: "1 2 [1 2]"),
    OracleCase("{{ eq 1 1 }} {{ eq 1 2 3 1 }} {{ ne \"a\" \"b\" }} {{ lt 1 2 }} {{ le 2 2 }} {{ gt \"b\" \"a\" }} {{ ge 1.5 2.5 }}", output: "true true true true true true false"),
    OracleCase("{{ eq \"a\" 1 }}", error: "template: c/templates/t.yaml:1:3: executing \"c/templates/t.yaml\" at <eq \"a\" 1>: error calling eq: incompatible types for comparison: string and int"),
    OracleCase("{{ lt 1.5 2 }}", error: "template: c/templates/t.yaml:1:3: executing \"c/templates/t.yaml\" at <lt 1.5 2>: error calling lt: incompatible types for comparison: float64 and int"),
    OracleCase("{{ eq .Values.missing 1 }}", output: "false"),
    OracleCase("{{ eq .Values.missing nil }}", output: "true"),
    OracleCase("{{ eq .Values.list .Values.a }}", error: "template: c/templates/t.yaml:1:3: executing \"c/templates/t.yaml\" at <eq .Values.list .Values.a>: error calling eq: non-comparable types [%!s(float64=1) %!s(float64=2)]: []interface {}, map[string]interface {}: map[b:1]"),
    OracleCase("{{ lt nil 1 }}", error: "template: c/templates/t.yaml:1:3: executing \"c/templates/t.yaml\" at <lt nil 1>: error calling lt: invalid type for comparison"),
    OracleCase("{{ 1i }} {{ 1+2i }} {{ printf \"%v\" 2.5i }}", output: "(0+1i) (1+2i) (0+2.5i)"),
    OracleCase("{{ 'ab' }}", error: "parse error at (c/templates/t.yaml:1): 'ab'"),
    OracleCase("{{ printf \"%5.1q|%-4c|%08b\" \"abc\" 65 5 }}", output: "  \"a\"|A   |00000101"),
    OracleCase("{{ printf \"%.3d|%8.3d|%+.2e|% .3f|%x|%X\" 7 7 12345.678 1.0 -255 -255 }}\n", output: "007|     007|+1.23e+04| 1.000|-ff|-FF\n"),
    OracleCase("{{ printf \"%[3]d\" 1 2 }}", output: "%!d(BADINDEX)"),
    OracleCase("{{ printf \"%x %X %x %x\" 1.5 -0.1 1e300 0.0 }}\n", output: "0x1.8p+00 -0X1.999999999999AP-04 0x1.7e43c8800759cp+996 0x0p+00\n"),
]
