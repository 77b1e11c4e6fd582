/// Helm's `toToml` (BurntSushi/toml encoder).
public enum HelmTOML {
    /// Helm's `toToml`: the TOML text, or the encoder's error text.
    public static func toToml(_ value: Value) -> String { "" }
}
