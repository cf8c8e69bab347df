/// HPACK header compression for HTTP/2 (RFC 7541): tables, Huffman coding, encoder and decoder.
public enum HPACK {}
