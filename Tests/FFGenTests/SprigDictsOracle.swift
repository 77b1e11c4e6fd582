// Recorded with Helm v4.2.3 (helm_python oracle): each row is a `{{ template }}` action and what Helm printed
// (or the message after `error calling NAME: `).
import Testing
import Values

@testable import Sprig

let sprigDictCases: [SprigCase] = [
    SprigCase("dict \"a\" 1 \"b\" \"two\" \"c\" nil", "dict", [.string("a"), .int(1), .string("b"), .string("two"), .string("c"), .null], .ok("map[a:1 b:two c:<nil>]")),
    SprigCase("dict \"a\"", "dict", [.string("a")], .ok("map[a:]")),
    SprigCase("dict 1 2 true 3 nil 4", "dict", [.int(1), .int(2), .bool(true), .int(3), .null, .int(4)], .ok("map[1:2 <nil>:4 true:3]")),
    SprigCase("dict", "dict", [], .ok("map[]")),
    SprigCase("get (dict \"a\" 1) \"a\"", "get", [.map(ValueMap([("a", .int(1))] as [(String, Value)])), .string("a")], .ok("1")),
    SprigCase("get (dict \"a\" 1) \"b\"", "get", [.map(ValueMap([("a", .int(1))] as [(String, Value)])), .string("b")], .ok("")),
    SprigCase("get (dict \"a\" nil) \"a\"", "get", [.map(ValueMap([("a", .null)] as [(String, Value)])), .string("a")], .ok("<no value>")),
    SprigCase("set (dict \"a\" 1) \"b\" 2", "set", [.map(ValueMap([("a", .int(1))] as [(String, Value)])), .string("b"), .int(2)], .ok("map[a:1 b:2]")),
    SprigCase("set (dict) \"a\" nil", "set", [.map(ValueMap([] as [(String, Value)])), .string("a"), .null], .ok("map[a:<nil>]")),
    SprigCase("unset (dict \"a\" 1 \"b\" 2) \"a\"", "unset", [.map(ValueMap([("a", .int(1)), ("b", .int(2))] as [(String, Value)])), .string("a")], .ok("map[b:2]")),
    SprigCase("unset (dict \"a\" 1) \"zz\"", "unset", [.map(ValueMap([("a", .int(1))] as [(String, Value)])), .string("zz")], .ok("map[a:1]")),
    SprigCase("hasKey (dict \"a\" nil) \"a\"", "hasKey", [.map(ValueMap([("a", .null)] as [(String, Value)])), .string("a")], .ok("true")),
    SprigCase("hasKey (dict \"a\" 1) \"b\"", "hasKey", [.map(ValueMap([("a", .int(1))] as [(String, Value)])), .string("b")], .ok("false")),
    SprigCase("pluck \"a\" (dict \"a\" 1) (dict \"b\" 2) (dict \"a\" 3)", "pluck", [.string("a"), .map(ValueMap([("a", .int(1))] as [(String, Value)])), .map(ValueMap([("b", .int(2))] as [(String, Value)])), .map(ValueMap([("a", .int(3))] as [(String, Value)]))], .ok("[1 3]")),
    SprigCase("pluck \"a\"", "pluck", [.string("a")], .ok("[]")),
    SprigCase("keys", "keys", [], .ok("[]")),
    SprigCase("pick (dict \"a\" 1 \"b\" 2 \"c\" 3) \"a\" \"c\" \"x\"", "pick", [.map(ValueMap([("a", .int(1)), ("b", .int(2)), ("c", .int(3))] as [(String, Value)])), .string("a"), .string("c"), .string("x")], .ok("map[a:1 c:3]")),
    SprigCase("omit (dict \"a\" 1 \"b\" 2 \"c\" 3) \"a\" \"x\"", "omit", [.map(ValueMap([("a", .int(1)), ("b", .int(2)), ("c", .int(3))] as [(String, Value)])), .string("a"), .string("x")], .ok("map[b:2 c:3]")),
    SprigCase("dig \"a\" \"b\" \"def\" (dict \"a\" (dict \"b\" 1))", "dig", [.string("a"), .string("b"), .string("def"), .map(ValueMap([("a", .map(ValueMap([("b", .int(1))] as [(String, Value)])))] as [(String, Value)]))], .ok("1")),
    SprigCase("dig \"a\" \"x\" \"def\" (dict \"a\" (dict \"b\" 1))", "dig", [.string("a"), .string("x"), .string("def"), .map(ValueMap([("a", .map(ValueMap([("b", .int(1))] as [(String, Value)])))] as [(String, Value)]))], .ok("def")),
    SprigCase("dig \"a\" \"def\" (dict \"a\" 1)", "dig", [.string("a"), .string("def"), .map(ValueMap([("a", .int(1))] as [(String, Value)]))], .ok("1")),
    SprigCase("dig \"a\" \"b\" \"def\" (dict \"a\" 1)", "dig", [.string("a"), .string("b"), .string("def"), .map(ValueMap([("a", .int(1))] as [(String, Value)]))], .error("interface conversion: interface {} is int, not map[string]interface {}")),
    SprigCase("dig \"a\" \"b\" \"def\" (dict \"a\" nil)", "dig", [.string("a"), .string("b"), .string("def"), .map(ValueMap([("a", .null)] as [(String, Value)]))], .error("interface conversion: interface {} is nil, not map[string]interface {}")),
    SprigCase("dig \"a\" \"def\"", "dig", [.string("a"), .string("def")], .error("dig needs at least three arguments")),
    SprigCase("dig \"a\" \"def\" \"notamap\"", "dig", [.string("a"), .string("def"), .string("notamap")], .error("interface conversion: interface {} is string, not map[string]interface {}")),
    SprigCase("dig 1 \"def\" (dict \"a\" 1)", "dig", [.int(1), .string("def"), .map(ValueMap([("a", .int(1))] as [(String, Value)]))], .error("interface conversion: interface {} is int, not string")),
    SprigCase("merge (dict \"a\" 1 \"b\" (dict \"x\" 1)) (dict \"b\" (dict \"y\" 2) \"c\" 3)", "merge", [.map(ValueMap([("a", .int(1)), ("b", .map(ValueMap([("x", .int(1))] as [(String, Value)])))] as [(String, Value)])), .map(ValueMap([("b", .map(ValueMap([("y", .int(2))] as [(String, Value)]))), ("c", .int(3))] as [(String, Value)]))], .ok("map[a:1 b:map[x:1 y:2] c:3]")),
    SprigCase("merge (dict \"a\" 0 \"b\" \"\" \"c\" false \"d\" (list)) (dict \"a\" 1 \"b\" \"s\" \"c\" true \"d\" (list 1))", "merge", [.map(ValueMap([("a", .int(0)), ("b", .string("")), ("c", .bool(false)), ("d", .list([]))] as [(String, Value)])), .map(ValueMap([("a", .int(1)), ("b", .string("s")), ("c", .bool(true)), ("d", .list([.int(1)]))] as [(String, Value)]))], .ok("map[a:1 b:s c:true d:[1]]")),
    SprigCase("merge (dict \"a\" 1 \"b\" \"x\") (dict \"a\" 2 \"b\" nil)", "merge", [.map(ValueMap([("a", .int(1)), ("b", .string("x"))] as [(String, Value)])), .map(ValueMap([("a", .int(2)), ("b", .null)] as [(String, Value)]))], .ok("map[a:1 b:x]")),
    SprigCase("merge (dict \"a\" (list 1)) (dict \"a\" (list 2 3))", "merge", [.map(ValueMap([("a", .list([.int(1)]))] as [(String, Value)])), .map(ValueMap([("a", .list([.int(2), .int(3)]))] as [(String, Value)]))], .ok("map[a:[1]]")),
    SprigCase("merge (dict \"a\" \"x\") (dict \"a\" (dict \"b\" 1))", "merge", [.map(ValueMap([("a", .string("x"))] as [(String, Value)])), .map(ValueMap([("a", .map(ValueMap([("b", .int(1))] as [(String, Value)])))] as [(String, Value)]))], .ok("map[a:x]")),
    SprigCase("merge (dict \"a\" (dict \"b\" 1)) (dict \"a\" \"x\")", "merge", [.map(ValueMap([("a", .map(ValueMap([("b", .int(1))] as [(String, Value)])))] as [(String, Value)])), .map(ValueMap([("a", .string("x"))] as [(String, Value)]))], .ok("map[a:map[b:1]]")),
    SprigCase("merge (dict) (dict \"a\" 1) (dict \"a\" 2 \"b\" 3)", "merge", [.map(ValueMap([] as [(String, Value)])), .map(ValueMap([("a", .int(1))] as [(String, Value)])), .map(ValueMap([("a", .int(2)), ("b", .int(3))] as [(String, Value)]))], .ok("map[a:1 b:3]")),
    SprigCase("mergeOverwrite (dict \"a\" 1 \"b\" (dict \"x\" 1 \"z\" 5)) (dict \"a\" 2 \"b\" (dict \"y\" 2 \"z\" 0))", "mergeOverwrite", [.map(ValueMap([("a", .int(1)), ("b", .map(ValueMap([("x", .int(1)), ("z", .int(5))] as [(String, Value)])))] as [(String, Value)])), .map(ValueMap([("a", .int(2)), ("b", .map(ValueMap([("y", .int(2)), ("z", .int(0))] as [(String, Value)])))] as [(String, Value)]))], .ok("map[a:2 b:map[x:1 y:2 z:0]]")),
    SprigCase("mergeOverwrite (dict \"a\" 1 \"b\" \"x\") (dict \"a\" 0 \"b\" \"\")", "mergeOverwrite", [.map(ValueMap([("a", .int(1)), ("b", .string("x"))] as [(String, Value)])), .map(ValueMap([("a", .int(0)), ("b", .string(""))] as [(String, Value)]))], .ok("map[a:0 b:]")),
    SprigCase("mergeOverwrite (dict \"a\" 1) (dict \"a\" nil)", "mergeOverwrite", [.map(ValueMap([("a", .int(1))] as [(String, Value)])), .map(ValueMap([("a", .null)] as [(String, Value)]))], .ok("map[a:<nil>]")),
    SprigCase("mergeOverwrite (dict \"a\" (list 1 2)) (dict \"a\" (list))", "mergeOverwrite", [.map(ValueMap([("a", .list([.int(1), .int(2)]))] as [(String, Value)])), .map(ValueMap([("a", .list([]))] as [(String, Value)]))], .ok("map[a:[]]")),
    SprigCase("mergeOverwrite (dict \"a\" (list 1 2)) (dict \"a\" (list 3))", "mergeOverwrite", [.map(ValueMap([("a", .list([.int(1), .int(2)]))] as [(String, Value)])), .map(ValueMap([("a", .list([.int(3)]))] as [(String, Value)]))], .ok("map[a:[3]]")),
    SprigCase("mergeOverwrite (dict \"a\" \"x\") (dict \"a\" (dict \"b\" 1))", "mergeOverwrite", [.map(ValueMap([("a", .string("x"))] as [(String, Value)])), .map(ValueMap([("a", .map(ValueMap([("b", .int(1))] as [(String, Value)])))] as [(String, Value)]))], .ok("map[a:map[b:1]]")),
    SprigCase("mergeOverwrite (dict \"a\" (dict \"b\" 1)) (dict \"a\" \"x\")", "mergeOverwrite", [.map(ValueMap([("a", .map(ValueMap([("b", .int(1))] as [(String, Value)])))] as [(String, Value)])), .map(ValueMap([("a", .string("x"))] as [(String, Value)]))], .ok("map[a:x]")),
    SprigCase("mergeOverwrite (dict \"a\" (dict)) (dict \"a\" (dict \"b\" 1))", "mergeOverwrite", [.map(ValueMap([("a", .map(ValueMap([] as [(String, Value)])))] as [(String, Value)])), .map(ValueMap([("a", .map(ValueMap([("b", .int(1))] as [(String, Value)])))] as [(String, Value)]))], .ok("map[a:map[b:1]]")),
    SprigCase("mustMerge (dict \"a\" 1) (dict \"b\" 2)", "mustMerge", [.map(ValueMap([("a", .int(1))] as [(String, Value)])), .map(ValueMap([("b", .int(2))] as [(String, Value)]))], .ok("map[a:1 b:2]")),
    SprigCase("mustMergeOverwrite (dict \"a\" 1) (dict \"a\" 2)", "mustMergeOverwrite", [.map(ValueMap([("a", .int(1))] as [(String, Value)])), .map(ValueMap([("a", .int(2))] as [(String, Value)]))], .ok("map[a:2]")),
    SprigCase("deepCopy (dict \"a\" (list 1 (dict \"b\" 2)))", "deepCopy", [.map(ValueMap([("a", .list([.int(1), .map(ValueMap([("b", .int(2))] as [(String, Value)]))]))] as [(String, Value)]))], .ok("map[a:[1 map[b:2]]]")),
    SprigCase("deepCopy nil", "deepCopy", [.null], .error("reflect: call of reflect.Value.Type on zero Value")),
    SprigCase("deepCopy 5", "deepCopy", [.int(5)], .ok("5")),
    SprigCase("mustDeepCopy \"x\"", "mustDeepCopy", [.string("x")], .ok("x")),
    SprigCase("keys (dict \"a\" 1)", "keys", [.map(ValueMap([("a", .int(1))] as [(String, Value)]))], .ok("[a]")),
    SprigCase("values (dict \"a\" 1)", "values", [.map(ValueMap([("a", .int(1))] as [(String, Value)]))], .ok("[1]")),
]

@Test(arguments: sprigDictCases)
func sprigDicts(_ row: SprigCase) {
    SprigTesting.check(row)
}
