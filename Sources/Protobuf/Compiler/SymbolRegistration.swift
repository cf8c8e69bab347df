extension SymbolTable {
    /// Adds every name `file` defines: package parts, types, fields, oneofs, enum values
    /// (beside their enum, as C++ scoping has it), extensions, services and methods.
    mutating func register(_ file: ProtoFileSyntax) throws(ProtoError) {
        let package = file.package ?? ""
        if !package.isEmpty {
            var prefix = ""
            for part in package.split(separator: ".") {
                prefix = qualified(prefix, String(part))
                try add(prefix, .package, file: file.name, position: file.packagePosition)
            }
        }
        try register(file.scope, prefix: package, file: file.name)
        for service in file.services {
            let serviceName = qualified(package, service.name)
            try add(serviceName, .service, file: file.name, position: service.position)
            for method in service.methods {
                try add(serviceName + "." + method.name, .method, file: file.name, position: method.position)
            }
        }
    }

    private mutating func register(_ scope: ScopeSyntax, prefix: String, file: String) throws(ProtoError) {
        for message in scope.messages {
            let name = qualified(prefix, message.name)
            try add(name, .message, file: file, position: message.position)
            for field in message.fields {
                try add(name + "." + field.name, .field, file: file, position: field.position)
            }
            for oneof in message.oneofs {
                try add(name + "." + oneof.name, .oneof, file: file, position: oneof.position)
            }
            try register(message.nested, prefix: name, file: file)
        }
        for item in scope.enums {
            let name = qualified(prefix, item.name)
            try add(name, .enum, file: file, position: item.position)
            for value in item.values {
                try add(qualified(prefix, value.name), .enumValue(enumName: name), file: file, position: value.position)
            }
        }
        for field in scope.extensions {
            try add(qualified(prefix, field.name), .extension, file: file, position: field.position)
        }
    }
}
