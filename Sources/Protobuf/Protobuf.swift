/// Protocol Buffers at run time: `.proto` parsing, descriptors, dynamic messages, binary and JSON codecs.
public enum Protobuf {}
