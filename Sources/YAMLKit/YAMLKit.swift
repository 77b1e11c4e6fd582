internal import CYAML
/// Namespace for the libyaml wrapper.
public enum YAMLKit {
    /// The libyaml version string.
    public static var libyamlVersion: String { String(cString: yaml_get_version_string()) }
}
