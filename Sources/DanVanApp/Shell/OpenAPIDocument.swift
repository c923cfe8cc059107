import Foundation

/// The OpenAPI document as served: `Resources/openapi.json` (paths, descriptions, examples)
/// with the schemas of the API's response types read from the Swift types the capabilities
/// list (`Capability.apiSchemas`). A property added to a body is in the document at once;
/// a property the type no longer has leaves it; what the file says of a property is kept.
enum OpenAPIDocument {
    static func served(from data: Data, schemas: [(name: String, type: any Decodable.Type)]) throws -> Data {
        guard var document = try JSONSerialization.jsonObject(with: data) as? [String: Any] else { return data }
        var components = document["components"] as? [String: Any] ?? [:]
        var all = components["schemas"] as? [String: Any] ?? [:]
        for (name, type) in schemas {
            all[name] = schema(of: type, described: all[name] as? [String: Any] ?? [:])
        }
        components["schemas"] = all
        document["components"] = components
        return try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys, .withoutEscapingSlashes])
    }

    /// The object schema of a body: its snake_case keys (as `JSONResponse` writes them) with
    /// their JSON types, required unless optional; descriptions and examples from `described`.
    static func schema(of type: any Decodable.Type, described: [String: Any]) -> [String: Any] {
        let documented = described["properties"] as? [String: Any] ?? [:]
        var properties: [String: Any] = [:]
        var required: [String] = []
        for field in RowColumns.fields(of: type) {
            var property = documented[field.column] as? [String: Any] ?? [:]
            if property["$ref"] == nil { property.merge(jsonType(field.type)) { documentedValue, _ in documentedValue } }
            properties[field.column] = property
            if !field.optional { required.append(field.column) }
        }
        var schema = described
        schema["type"] = "object"
        schema["properties"] = properties
        schema["required"] = required
        return schema
    }

    static func jsonType(_ type: Any.Type) -> [String: Any] {
        switch type {
        case is String.Type: ["type": "string"]
        case is UUID.Type: ["type": "string", "format": "uuid"]
        case is Date.Type: ["type": "string", "format": "date-time"]
        case is Bool.Type: ["type": "boolean"]
        case is Int.Type, is Int64.Type, is Int32.Type: ["type": "integer"]
        case is Double.Type, is Float.Type: ["type": "number"]
        default: ["type": "object"]
        }
    }
}
