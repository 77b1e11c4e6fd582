import Foundation
import HelmEngine

/// Writes errors to stderr: Helm's text first (what users search for), then ffgen's located form with the
/// source line and a hint when it adds anything.
enum DiagnosticPrinter {
    static func printError(_ error: any Error) {
        var text = ""
        if let helm = error as? HelmError {
            text = "Error: " + helm.helmDescription
            if !text.hasSuffix("\n") { text += "\n" }
            let located = helm.ffgenDescription
            if located != "error: " + helm.helmDescription {
                text += located + "\n"
            }
        } else {
            text = "Error: \(error)\n"
        }
        FileHandle.standardError.write(Data(text.utf8))
    }

    static func printStandardOutput(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
