//! Numbers written for people, as the value labels show them: "13.2", "1,500,000".

/// Formats a number for people: at most `max_decimals` (up to 9), rounded half to even, with
/// trailing zeros dropped. It rounds the exact binary value, as `format!("{x:.2}")` does, but with
/// integer arithmetic on the f64's bits: core::fmt's float formatting is slow in wasm and added
/// about 10 KB to it (measured 2026-11-26). Magnitudes past 1e29 saturate.
pub(crate) fn format_number(x: f64, max_decimals: usize) -> String {
    if !x.is_finite() {
        return if x.is_nan() {
            "NaN".to_owned()
        } else if x > 0.0 {
            "inf".to_owned()
        } else {
            "-inf".to_owned()
        };
    }
    let decimals = max_decimals.min(9) as u32;
    let scale = 10u128.pow(decimals);
    // |x| = mantissa · 2^shift exactly, so |x| · 10^decimals = mantissa · scale · 2^shift, and
    // mantissa · scale < 2^83 fits in a u128.
    let bits = x.abs().to_bits();
    let exponent = ((bits >> 52) & 0x7ff) as i32;
    let fraction = u128::from(bits & ((1 << 52) - 1));
    let (mantissa, shift) =
        if exponent == 0 { (fraction, -1074) } else { (fraction | 1 << 52, exponent - 1075) };
    let product = mantissa * scale;
    let scaled = match shift {
        0.. if shift <= 44 => product << shift,
        0.. => u128::MAX,
        // Below half a unit in the last decimal kept.
        _ if shift <= -85 => 0,
        _ => {
            let k = shift.unsigned_abs();
            let (q, r, half) = (product >> k, product & ((1 << k) - 1), 1u128 << (k - 1));
            q + u128::from(r > half || (r == half && q & 1 == 1))
        }
    };
    let (int, mut frac) = (scaled / scale, scaled % scale);
    let mut out = String::new();
    if x < 0.0 && scaled != 0 {
        out.push('-');
    }
    out.push_str(&int.to_string());
    if frac != 0 {
        let mut width = decimals as usize;
        while frac % 10 == 0 {
            frac /= 10;
            width -= 1;
        }
        let digits = frac.to_string();
        out.push('.');
        out.extend(std::iter::repeat_n('0', width - digits.len()));
        out.push_str(&digits);
    }
    out
}

/// Formats an integer part with thousands separators: 1500000 -> "1,500,000".
pub(crate) fn group_thousands(x: f64, max_decimals: usize) -> String {
    let s = format_number(x, max_decimals);
    let (int, frac) = s.split_once('.').map_or((s.as_str(), None), |(a, b)| (a, Some(b)));
    let (sign, digits) = int.strip_prefix('-').map_or(("", int), |d| ("-", d));
    let mut out = String::with_capacity(s.len() + 4);
    out.push_str(sign);
    for (k, c) in digits.chars().enumerate() {
        if k > 0 && (digits.len() - k) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// What `format_number` replaced: core::fmt's exact formatting, trailing zeros dropped.
    fn by_fmt(x: f64, decimals: usize) -> String {
        let s = format!("{x:.decimals$}");
        let s = if s.contains('.') { s.trim_end_matches('0').trim_end_matches('.').to_owned() } else { s };
        if s == "-0" {
            "0".to_owned()
        } else {
            s
        }
    }

    #[test]
    fn format_number_cases() {
        for (x, d, want) in [
            (14.2, 4, "14.2"),
            (0.0, 2, "0"),
            (-0.0, 2, "0"),
            (-3.456, 2, "-3.46"),
            (-0.001, 2, "0"),
            (1.005, 2, "1"),
            (2.5, 0, "2"),
            (3.5, 0, "4"),
            (0.125, 2, "0.12"),
            (0.05, 6, "0.05"),
            (1234567.0, 6, "1234567"),
            (277e6, 6, "277000000"),
            (13.2e6, 6, "13200000"),
            (0.000001, 6, "0.000001"),
            (0.0000004, 6, "0"),
            (1e21, 2, "1000000000000000000000"),
            (f64::NAN, 2, "NaN"),
            (f64::INFINITY, 2, "inf"),
        ] {
            assert_eq!(format_number(x, d), want, "{x} with {d} decimals");
        }
    }

    proptest! {
        #[test]
        fn format_number_matches_fmt(x in -1e12f64..1e12, d in 0usize..=6) {
            prop_assert_eq!(format_number(x, d), by_fmt(x, d));
        }
    }

    #[test]
    fn format_number_rounds_as_core_does() {
        let mut values =
            vec![0.0, -0.0, 0.5, 1.5, 2.5, -0.001, 0.125, 13.2, 277.0, 14.15, 1e14, 1e16, 123456.789];
        let mut seed = 0x9E37_79B9_7F4A_7C15u64;
        for _ in 0..200_000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let mantissa = (seed >> 11) as f64 / (1u64 << 53) as f64;
            let exp = (seed % 24) as i32 - 8;
            let sign = if seed & 1 == 0 { 1.0 } else { -1.0 };
            values.push(sign * mantissa * 10f64.powi(exp));
            // Numbers written with few decimals, as figures are.
            values.push(sign * ((seed >> 20) % 100_000) as f64 / 10f64.powi((seed % 5) as i32));
        }
        values.extend([f64::NAN, f64::INFINITY, f64::NEG_INFINITY, 1e29, 5e-324, f64::MIN_POSITIVE]);
        for x in values {
            for d in 0..=9 {
                assert_eq!(format_number(x, d), by_fmt(x, d), "{x:e} with {d} decimals");
            }
        }
    }
}
