import Foundation

/// A page model as the templates read it: every struct turned into a dictionary once,
/// before rendering. The template engine otherwise reflects (`Mirror`) on a struct at every
/// tag, walking up the stack of sections for names it does not find: measured under load,
/// that reflection was 38% of the server's CPU on the letters list and the unit page.
enum TemplateValue {
    static func of(_ value: Any) -> Any {
        switch value {
        case is any StringProtocol, is Bool, is any BinaryInteger, is any BinaryFloatingPoint, is UUID, is Date, is URL, is Decimal: return value
        default: break
        }
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .struct, .class:
            var fields: [String: Any] = [:]
            for child in mirror.children {
                // A nil field is left out, as the engine treats it: the name is looked up in the sections around it.
                guard let label = child.label, let field = unwrapped(child.value) else { continue }
                fields[label] = of(field)
            }
            return fields
        case .collection, .set:
            return mirror.children.map { of($0.value) }
        case .optional:
            return unwrapped(value).map(of) ?? value
        default:
            // Dictionaries of strings (the catalogue, a form's values) and enums render as they are.
            return value
        }
    }

    /// The value an optional holds, nil for an empty one; any other value as it is.
    private static func unwrapped(_ value: Any) -> Any? {
        let mirror = Mirror(reflecting: value)
        guard mirror.displayStyle == .optional else { return value }
        return mirror.children.first?.value
    }
}
