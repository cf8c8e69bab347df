import Foundation
import Protobuf
import TestSupport

/// Random messages that Python `protobuf` (upb) builds by reflection for the generated test
/// schemas, with what Python says of each: its bytes, its missing required fields, its text
/// format and its proto3 JSON. The oracle of the generated-code tests.
struct PythonMessage {
    let type: String
    /// `SerializePartialToString(deterministic=True)`.
    let bytes: [UInt8]
    /// `FindInitializationErrors()`: the paths of the unset required fields.
    let missingRequired: [String]
    /// `text_format.MessageToString` (extensions by name, `Any` expanded when its type is known).
    let text: String
    /// `MessageToJson` with each of ``PythonMessages/jsonOptions`` and `sort_keys=True`, or nil where it raised.
    let json: [String?]
    /// `Parse` of each of those texts, re-serialized deterministically.
    let jsonReparsed: [[UInt8]?]
    /// Why `MessageToJson` raised, where it did.
    let jsonRefusals: [String]
}

enum PythonMessages {
    /// What varies between runs: how often fields are set, and what an `Any` packs.
    struct Options {
        var seed: Int
        var perType: Int
        /// How likely a required field is to be set (optional fields: one half).
        var requiredProbability = 1.0
        /// How likely each extension of the type is to be set.
        var extensionProbability = 0.0
        /// The type an `Any` packs (else a random type URL and bytes), when the pool has it.
        var anyType = ""
        /// Strings of ASCII only (Python's `text_format` leaves some non-ASCII strings unescaped, where protoc escapes them).
        var asciiStrings = false
    }

    /// Python's keyword arguments for each JSON printing, as the dynamic JSON oracle uses them.
    static let jsonOptions = [
        "indent=2",
        "indent=None, always_print_fields_with_no_presence=True",
        "indent=0, preserving_proto_field_name=True, use_integers_for_enums=True",
    ]

    struct UnexpectedLine: Error {
        let line: String
    }

    static func generate(_ set: FileDescriptorSet, types: [String], _ options: Options) throws -> [PythonMessage] {
        let input = [
            set.serializedBytes().hex, String(options.seed), String(options.perType), String(options.requiredProbability),
            String(options.extensionProbability), options.anyType, options.asciiStrings ? "ascii" : "any",
        ] + types
        let output = try PythonOracle.run(script, input: input.joined(separator: "\n"))
        return try output.split(separator: "\n").map { line in
            guard let item = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  let type = item["type"] as? String, let hex = item["hex"] as? String, let missing = item["missing"] as? [String],
                  let text = item["text"] as? String, let json = item["json"] as? [Any], let reparsed = item["reparsed"] as? [Any],
                  let refusals = item["refusals"] as? [String]
            else { throw UnexpectedLine(line: String(line)) }
            return PythonMessage(
                type: type, bytes: [UInt8](hex: hex), missingRequired: missing, text: text, json: json.map { $0 as? String },
                jsonReparsed: reparsed.map { ($0 as? String).map { [UInt8](hex: $0) } }, jsonRefusals: refusals)
        }
    }

    private static let script = """
        import sys, json, random
        from google.protobuf import descriptor_pb2, descriptor_pool, message_factory, json_format, text_format
        from google.protobuf.descriptor import FieldDescriptor as F
        lines = sys.stdin.read().split("\\n")
        pool = descriptor_pool.DescriptorPool()
        for f in descriptor_pb2.FileDescriptorSet.FromString(bytes.fromhex(lines[0])).file:
            pool.Add(f)
        rng = random.Random(int(lines[1]))
        count, required, extensions, any_type = int(lines[2]), float(lines[3]), float(lines[4]), lines[5]
        alphabet = ["a", " ", "\\"", "\\0"] if lines[6] == "ascii" else ["a", "é", "日本", "🙂", " ", "\\"", "\\0"]
        MESSAGE = (F.TYPE_MESSAGE, F.TYPE_GROUP)
        def new(name):
            return message_factory.GetMessageClass(pool.FindMessageTypeByName(name))()
        def scalar(f):
            t = f.type
            if t in (F.TYPE_INT32, F.TYPE_SINT32, F.TYPE_SFIXED32):
                return rng.choice([0, 1, -1, -2**31, 2**31 - 1, rng.randint(-2**31, 2**31 - 1)])
            if t in (F.TYPE_INT64, F.TYPE_SINT64, F.TYPE_SFIXED64):
                return rng.choice([0, 1, -1, -2**63, 2**63 - 1, rng.randint(-2**63, 2**63 - 1)])
            if t in (F.TYPE_UINT32, F.TYPE_FIXED32):
                return rng.choice([0, 1, 2**32 - 1, rng.randint(0, 2**32 - 1)])
            if t in (F.TYPE_UINT64, F.TYPE_FIXED64):
                return rng.choice([0, 1, 2**64 - 1, rng.randint(0, 2**64 - 1)])
            if t == F.TYPE_FLOAT:
                return rng.choice([0.0, -0.0, 1.5, 0.1, rng.uniform(-1e30, 1e30)])
            if t == F.TYPE_DOUBLE:
                return rng.choice([0.0, -0.0, 1e300, 0.1, rng.uniform(-1e300, 1e300)])
            if t == F.TYPE_BOOL:
                return rng.random() < 0.5
            if t == F.TYPE_STRING:
                return "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 3)))
            if t == F.TYPE_BYTES:
                return bytes(rng.getrandbits(8) for _ in range(rng.randint(0, 8)))
            if t == F.TYPE_ENUM:
                if not f.enum_type.is_closed and rng.random() < 0.15:
                    return rng.randint(-5, 1000)
                return rng.choice([v.number for v in f.enum_type.values])
        def fill_any(message, depth):
            if any_type and rng.random() < 0.8:
                inner = new(any_type)
                fill(inner, depth + 1)
                message.type_url = "type.googleapis.com/" + any_type
                message.value = inner.SerializePartialToString(deterministic=True)
            elif rng.random() < 0.5:
                message.type_url = rng.choice(["type.googleapis.com/no.Such", "example.com/x.Y", "nothing"])
                message.value = bytes(rng.getrandbits(8) for _ in range(rng.randint(0, 4)))
        def fill_field(message, f, holder, depth):
            if f.message_type is not None and f.message_type.GetOptions().map_entry:
                key_field, value_field = f.message_type.fields_by_number[1], f.message_type.fields_by_number[2]
                for _ in range(rng.randint(0, 3)):
                    # ASCII string keys: Python's text_format prints map keys unescaped, protoc in octal.
                    key = rng.choice(["", "a", "b c", "\\\\\\""]) if key_field.type == F.TYPE_STRING else scalar(key_field)
                    if value_field.type in MESSAGE:
                        fill(holder[key], depth + 1)
                    else:
                        holder[key] = scalar(value_field)
            elif f.is_repeated:
                for _ in range(rng.randint(0, 3)):
                    if f.type in MESSAGE:
                        fill(holder.add(), depth + 1)
                    else:
                        holder.append(scalar(f))
            elif f.type in MESSAGE:
                holder.SetInParent()
                fill(holder, depth + 1)
            return None
        def fill(message, depth):
            name = message.DESCRIPTOR.full_name
            if name == "google.protobuf.Any":
                fill_any(message, depth)
                return
            if name in ("google.protobuf.Timestamp", "google.protobuf.Duration"):
                message.seconds = rng.randint(0, 10**10)
                message.nanos = rng.choice([0, 5000000, rng.randint(0, 999999999)])
                return
            if name == "google.protobuf.FieldMask":
                message.paths.extend(rng.choice(["a", "b_c", "d.e_f"]) for _ in range(rng.randint(0, 3)))
                return
            for f in message.DESCRIPTOR.fields:
                chance = required if f.is_required else 0.5
                if rng.random() >= chance or (f.type in MESSAGE and depth >= 3):
                    continue
                if f.is_repeated or f.type in MESSAGE:
                    fill_field(message, f, getattr(message, f.name), depth)
                else:
                    setattr(message, f.name, scalar(f))
            if extensions <= 0:
                return
            for ext in sorted(pool.FindAllExtensions(message.DESCRIPTOR), key=lambda ext: ext.number):
                if rng.random() >= extensions or (ext.type in MESSAGE and depth >= 3):
                    continue
                if ext.is_repeated or ext.type in MESSAGE:
                    fill_field(message, ext, message.Extensions[ext], depth)
                else:
                    message.Extensions[ext] = scalar(ext)
        options = [dict(indent=2), dict(indent=None, always_print_fields_with_no_presence=True),
                   dict(indent=0, preserving_proto_field_name=True, use_integers_for_enums=True)]
        for name in lines[7:]:
            if not name:
                continue
            for _ in range(count):
                message = new(name)
                fill(message, 0)
                texts, reparsed, refusals = [], [], []
                for option in options:
                    try:
                        text = json_format.MessageToJson(message, sort_keys=True, descriptor_pool=pool, **option)
                    except Exception as error:
                        texts.append(None)
                        reparsed.append(None)
                        refusals.append(str(error))
                        continue
                    texts.append(text)
                    try:
                        reparsed.append(json_format.Parse(text, new(name), descriptor_pool=pool).SerializePartialToString(deterministic=True).hex())
                    except Exception:
                        reparsed.append(None)
                print(json.dumps({"type": name, "hex": message.SerializePartialToString(deterministic=True).hex(),
                                  "missing": message.FindInitializationErrors(), "text": text_format.MessageToString(message, descriptor_pool=pool),
                                  "json": texts, "reparsed": reparsed, "refusals": refusals}))
        """
}
