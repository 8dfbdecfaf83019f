//! How one stored part's text becomes a browser-storage value and back: plain (`j`) or deflated
//! and packed fifteen bits to a character (`z`), with a checksum to catch torn or foreign writes.
//!
//! localStorage holds strings, and browsers count its quota in UTF-16 code units (Safari and
//! Firefox) or bytes of UTF-16 (Chromium, except for Latin-1 strings). Deflate output is bytes;
//! base64 would spend 16 bits of quota on every 6 bits of data, while fifteen bits per character
//! drawn from `U+3400..=U+B3FF` (a block of 32 768 code points with no surrogate, no control
//! character and nothing a browser normalises) spends 16 bits on 15.

use thiserror::Error;

/// The first character of a value stored as plain text.
const PLAIN: char = 'j';
/// The first character of a value stored deflated and packed.
const PACKED: char = 'z';
/// The first code point of the packing alphabet; the alphabet is `BASE..BASE + 2^15`.
const BASE: u32 = 0x3400;
/// Texts shorter than this are stored plain: deflate would barely shrink them.
const SMALLEST_PACKED: usize = 512;

/// Why a stored value could not be turned back into its text.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DecodeError {
    /// The value does not start with a known encoding mark.
    #[error("the value starts with {found:?}, not a known encoding mark (j or z)")]
    UnknownEncoding {
        /// The first character found, if any.
        found: Option<char>,
    },
    /// A character outside the packing alphabet, or a length that the characters cannot hold.
    #[error("the packed value is damaged at character {position}")]
    Damaged {
        /// Position of the first bad character, from 0.
        position: usize,
    },
    /// The packed bytes are not a deflate stream, or inflate to more than the limit.
    #[error("the packed value does not inflate: {reason}")]
    Inflate {
        /// What the decompressor said.
        reason: String,
    },
    /// The text inflated is not UTF-8.
    #[error("the inflated value is not UTF-8 text")]
    NotText,
}

/// Turns a part's text into the value stored: plain when short, packed when that is smaller.
pub fn encode(text: &str) -> String {
    if text.len() >= SMALLEST_PACKED {
        let packed = pack(&miniz_oxide::deflate::compress_to_vec(text.as_bytes(), 6));
        if packed.chars().count() < text.encode_utf16().count() {
            return packed;
        }
    }
    let mut plain = String::with_capacity(text.len() + 1);
    plain.push(PLAIN);
    plain.push_str(text);
    plain
}

/// Turns a stored value back into its text; never reads more than `limit` bytes of text.
pub fn decode(value: &str, limit: usize) -> Result<String, DecodeError> {
    let mut chars = value.chars();
    match chars.next() {
        Some(PLAIN) => Ok(chars.as_str().to_owned()),
        Some(PACKED) => {
            let bytes = unpack(chars.as_str())?;
            let text = miniz_oxide::inflate::decompress_to_vec_with_limit(&bytes, limit).map_err(|e| DecodeError::Inflate { reason: e.to_string() })?;
            String::from_utf8(text).map_err(|_| DecodeError::NotText)
        }
        found => Err(DecodeError::UnknownEncoding { found }),
    }
}

/// A 64-bit FNV-1a hash of the stored value, as 16 hex digits: enough to notice that a value
/// is not the one the head was written with (truncated, or replaced by another tab).
pub fn checksum(value: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in value.as_bytes() {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{hash:016x}")
}

/// `z`, two characters holding the byte count (30 bits), then the bytes fifteen bits at a time.
fn pack(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 8 / 15 + 4);
    out.push(PACKED);
    let count = bytes.len() as u64;
    push15(&mut out, ((count >> 15) & 0x7fff) as u32);
    push15(&mut out, (count & 0x7fff) as u32);
    let mut buffer: u32 = 0;
    let mut bits = 0;
    for byte in bytes {
        buffer = (buffer << 8) | u32::from(*byte);
        bits += 8;
        if bits >= 15 {
            bits -= 15;
            push15(&mut out, (buffer >> bits) & 0x7fff);
            buffer &= (1 << bits) - 1;
        }
    }
    if bits > 0 {
        push15(&mut out, (buffer << (15 - bits)) & 0x7fff);
    }
    out
}

fn push15(out: &mut String, value: u32) {
    // BASE + value stays within U+3400..=U+B3FF, all scalar values; the fallback never happens.
    out.push(char::from_u32(BASE + value).unwrap_or('\u{fffd}'));
}

fn unpack(text: &str) -> Result<Vec<u8>, DecodeError> {
    let mut values = text.chars().enumerate().map(|(position, c)| {
        let code = u32::from(c);
        if (BASE..BASE + 0x8000).contains(&code) { Ok(code - BASE) } else { Err(DecodeError::Damaged { position: position + 1 }) }
    });
    let high = values.next().ok_or(DecodeError::Damaged { position: 1 })??;
    let low = values.next().ok_or(DecodeError::Damaged { position: 2 })??;
    let count = ((high as usize) << 15) | low as usize;
    let available = text.chars().count().saturating_sub(2) * 15 / 8;
    if count > available {
        return Err(DecodeError::Damaged { position: text.chars().count() });
    }
    let mut bytes = Vec::with_capacity(count);
    let mut buffer: u32 = 0;
    let mut bits = 0;
    for value in values {
        buffer = (buffer << 15) | value?;
        bits += 15;
        while bits >= 8 && bytes.len() < count {
            bits -= 8;
            bytes.push(((buffer >> bits) & 0xff) as u8);
        }
        buffer &= (1 << bits) - 1;
    }
    if bytes.len() < count {
        return Err(DecodeError::Damaged { position: text.chars().count() });
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn long_text() -> String {
        (0..400).map(|n| format!("{{\"id\":\"{n:032x}\",\"name_ar\":\"تعاونية رقم {n}\",\"name_fr\":\"Coopérative n° {n}\"}}\n")).collect()
    }

    #[test]
    fn short_texts_are_stored_plain_behind_their_mark() {
        assert_eq!(encode("{\"a\":1}"), "j{\"a\":1}");
        assert_eq!(decode("j{\"a\":1}", 100), Ok("{\"a\":1}".to_owned()));
        assert_eq!(decode("j", 100), Ok(String::new()));
    }

    #[test]
    fn long_texts_are_packed_smaller_and_come_back_identical() {
        let text = long_text();
        let stored = encode(&text);
        assert!(stored.starts_with('z'));
        assert!(stored.chars().count() * 4 < text.encode_utf16().count(), "{} characters for {}", stored.chars().count(), text.len());
        assert_eq!(decode(&stored, 1 << 20), Ok(text));
    }

    #[test]
    fn packed_values_use_no_surrogate_and_no_control_character() {
        let stored = encode(&long_text());
        assert!(stored.chars().skip(1).all(|c| (0x3400..=0xb3ff).contains(&u32::from(c))));
    }

    #[test]
    fn every_byte_count_packs_and_unpacks_exactly() {
        for count in 0..64usize {
            let bytes: Vec<u8> = (0..count).map(|n| (n * 37 + 11) as u8).collect();
            let packed = pack(&bytes);
            assert_eq!(unpack(&packed[PACKED.len_utf8()..]), Ok(bytes), "{count} bytes");
        }
    }

    #[test]
    fn a_truncated_packed_value_is_an_error_not_a_panic() {
        let stored = encode(&long_text());
        let truncated: String = stored.chars().take(stored.chars().count() / 2).collect();
        assert!(matches!(decode(&truncated, 1 << 20), Err(DecodeError::Damaged { .. })));
        assert!(matches!(decode("z", 10), Err(DecodeError::Damaged { .. })));
    }

    #[test]
    fn a_foreign_character_or_mark_is_named() {
        assert_eq!(decode("zAB", 10), Err(DecodeError::Damaged { position: 1 }));
        assert_eq!(decode("{\"schema_version\":2}", 10), Err(DecodeError::UnknownEncoding { found: Some('{') }));
        assert_eq!(decode("", 10), Err(DecodeError::UnknownEncoding { found: None }));
    }

    #[test]
    fn inflating_past_the_limit_is_refused() {
        let stored = encode(&long_text());
        assert!(matches!(decode(&stored, 100), Err(DecodeError::Inflate { .. })));
    }

    #[test]
    fn checksums_differ_when_one_character_does() {
        assert_eq!(checksum("abc"), checksum("abc"));
        assert_ne!(checksum("abc"), checksum("abd"));
        assert_eq!(checksum("").len(), 16);
    }
}
