"""An independent MANY peer, written from the many-rs layout with cbor2, hashlib and
cryptography: addresses (COSE key bytes, SHA3-224, base32, CRC-16/ARC), COSE keys,
and Ed25519 / ES256 signing and verification. Test scripts import it as `many_peer`."""
import base64
import hashlib

import cbor2
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature, encode_dss_signature


def crc16(data):
    crc = 0
    for b in data:
        crc ^= b
        for _ in range(8):
            crc = (crc >> 1) ^ 0xA001 if crc & 1 else crc >> 1
    return crc

def b32(data):
    return base64.b32encode(data).decode().rstrip('=').lower()

def text(address):
    if address == b'\x00':
        return 'maa'
    return 'm' + b32(address) + b32(crc16(address).to_bytes(2, 'big'))[:2]

def cose_key(kind, pub, kid=None):
    # Insertion order is the encoding order: kty, kid, alg, key_ops, crv, x, y.
    key = {1: 1 if kind == 'ed25519' else 2}
    if kid is not None:
        key[2] = kid
    key[3] = -8 if kind == 'ed25519' else -7
    key[4] = [2]
    if kind == 'ed25519':
        key[-1] = 6
        key[-2] = pub.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    else:
        point = pub.public_bytes(serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint)
        key[-1] = 1
        key[-2] = point[1:33]
        key[-3] = point[33:]
    return key

def address_of(key):
    """0x01 + SHA3-224 of the COSE key's CBOR, as many-rs derives a public-key address."""
    return b'\x01' + hashlib.sha3_224(cbor2.dumps(key)).digest()


def address(kind, pub):
    return address_of(cose_key(kind, pub))

def sign(kind, priv, data):
    if kind == 'ed25519':
        return priv.sign(data)
    r, s = decode_dss_signature(priv.sign(data, ec.ECDSA(hashes.SHA256())))
    return r.to_bytes(32, 'big') + s.to_bytes(32, 'big')

def verify(kind, key, signature, data):
    if kind == 'ed25519':
        ed25519.Ed25519PublicKey.from_public_bytes(key[-2]).verify(signature, data)
    else:
        pub = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), b'\x04' + key[-2] + key[-3])
        der = encode_dss_signature(int.from_bytes(signature[:32], 'big'), int.from_bytes(signature[32:], 'big'))
        pub.verify(der, data, ec.ECDSA(hashes.SHA256()))
