//! Checked 256-bit arithmetic for payout accounting and valuations.
//!
//! ink! 5.1 has no `U256`, and the products the protocol needs (`amount * supply`,
//! `balance * payout_per_unit`) pass `u128`. [`U256`] is a pair of `u128` limbs with exactly
//! the operations the contracts use, every one checked: an operation that would overflow
//! returns `None` and the caller turns it into a typed error.
//!
//! Every operator in this module is a method (`wrapping_*`, `overflowing_*`, `checked_*`), each
//! with a proof comment, so the module compiles under cargo-contract's
//! `clippy::arithmetic_side_effects` rule.

/// An unsigned 256-bit integer: `hi * 2^128 + lo`.
///
/// Field order makes the derived `Ord` numeric order.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct U256 {
    /// The high 128 bits.
    pub hi: u128,
    /// The low 128 bits.
    pub lo: u128,
}

const LOW_64: u128 = u64::MAX as u128;

impl U256 {
    /// Zero.
    pub const ZERO: U256 = U256 { hi: 0, lo: 0 };

    /// `value` as a 256-bit integer.
    pub const fn from_u128(value: u128) -> U256 {
        U256 { hi: 0, lo: value }
    }

    /// `value * 2^128`: a whole amount in the 128-bit fixed-point scale of the payout splitter.
    pub const fn from_high(value: u128) -> U256 {
        U256 { hi: value, lo: 0 }
    }

    /// Whether the value is zero.
    pub const fn is_zero(&self) -> bool {
        self.hi == 0 && self.lo == 0
    }

    /// The value as `u128`, or `None` if it does not fit.
    pub const fn to_u128(self) -> Option<u128> {
        if self.hi == 0 {
            Some(self.lo)
        } else {
            None
        }
    }

    /// The full product of two `u128`s; it always fits in 256 bits.
    pub fn mul_u128(a: u128, b: u128) -> U256 {
        let (a1, a0) = (a.wrapping_shr(64), a & LOW_64);
        let (b1, b0) = (b.wrapping_shr(64), b & LOW_64);
        // proof: each factor is below 2^64, so each partial product is below 2^128.
        let p00 = a0.wrapping_mul(b0);
        let p01 = a0.wrapping_mul(b1);
        let p10 = a1.wrapping_mul(b0);
        let p11 = a1.wrapping_mul(b1);
        // proof: three terms below 2^64 each sum to below 2^66.
        let mid = p00
            .wrapping_shr(64)
            .wrapping_add(p01 & LOW_64)
            .wrapping_add(p10 & LOW_64);
        let lo = (p00 & LOW_64) | mid.wrapping_shl(64);
        // proof: the true product is below 2^256, so its high half fits in u128.
        let hi = p11
            .wrapping_add(p01.wrapping_shr(64))
            .wrapping_add(p10.wrapping_shr(64))
            .wrapping_add(mid.wrapping_shr(64));
        U256 { hi, lo }
    }

    /// `self + other`, or `None` on overflow.
    pub fn checked_add(self, other: U256) -> Option<U256> {
        let (lo, carry) = self.lo.overflowing_add(other.lo);
        let hi = self
            .hi
            .checked_add(other.hi)?
            .checked_add(u128::from(carry))?;
        Some(U256 { hi, lo })
    }

    /// `self - other`, or `None` if `other > self`.
    pub fn checked_sub(self, other: U256) -> Option<U256> {
        let (lo, borrow) = self.lo.overflowing_sub(other.lo);
        let hi = self
            .hi
            .checked_sub(other.hi)?
            .checked_sub(u128::from(borrow))?;
        Some(U256 { hi, lo })
    }

    /// `self * factor`, or `None` on overflow.
    pub fn checked_mul_u128(self, factor: u128) -> Option<U256> {
        let low_product = U256::mul_u128(self.lo, factor);
        let high_product = U256::mul_u128(self.hi, factor);
        if high_product.hi != 0 {
            return None;
        }
        let hi = low_product.hi.checked_add(high_product.lo)?;
        Some(U256 {
            hi,
            lo: low_product.lo,
        })
    }

    /// `(self / divisor, self % divisor)`, or `None` if `divisor` is zero.
    pub fn checked_div_rem_u128(self, divisor: u128) -> Option<(U256, u128)> {
        let q_hi = self.hi.checked_div(divisor)?;
        let r_hi = self.hi.checked_rem(divisor)?;
        let (q_lo, remainder) = div_rem_wide(r_hi, self.lo, divisor);
        Some((U256 { hi: q_hi, lo: q_lo }, remainder))
    }
}

/// Divides `hi * 2^128 + lo` by `divisor`, where `hi < divisor` (so the quotient fits u128).
///
/// Binary long division, 128 steps.
fn div_rem_wide(hi: u128, lo: u128, divisor: u128) -> (u128, u128) {
    let mut remainder = hi;
    let mut quotient: u128 = 0;
    let mut bit: u32 = 128;
    while bit > 0 {
        // proof: bit is in 1..=128 here.
        bit = bit.wrapping_sub(1);
        let carry = remainder.wrapping_shr(127);
        remainder = remainder.wrapping_shl(1) | (lo.wrapping_shr(bit) & 1);
        quotient = quotient.wrapping_shl(1);
        // The true remainder is `carry * 2^128 + remainder`, below `2 * divisor`.
        if carry == 1 || remainder >= divisor {
            // proof: the true remainder is at least `divisor` and below `2 * divisor`, so the
            // difference fits u128 and wrapping arithmetic yields it exactly.
            remainder = remainder.wrapping_sub(divisor);
            quotient |= 1;
        }
    }
    (quotient, remainder)
}

/// `floor(a * b / denominator)` with a 256-bit intermediate; `None` if `denominator` is zero
/// or the result does not fit `u128`.
pub fn mul_div(a: u128, b: u128, denominator: u128) -> Option<u128> {
    let (quotient, _) = U256::mul_u128(a, b).checked_div_rem_u128(denominator)?;
    quotient.to_u128()
}

/// `ceil(a * b / denominator)` with a 256-bit intermediate; `None` if `denominator` is zero
/// or the result does not fit `u128`.
pub fn mul_div_ceil(a: u128, b: u128, denominator: u128) -> Option<u128> {
    let (quotient, remainder) = U256::mul_u128(a, b).checked_div_rem_u128(denominator)?;
    let quotient = quotient.to_u128()?;
    if remainder == 0 {
        Some(quotient)
    } else {
        quotient.checked_add(1)
    }
}

#[cfg(test)]
#[allow(clippy::arithmetic_side_effects)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Reference: exact arithmetic on (u128, u128) pairs through u128 halves is what we test,
    /// so the oracle is schoolbook arithmetic on four 64-bit digits held in u128s.
    fn to_digits(v: U256) -> [u128; 4] {
        [v.lo & LOW_64, v.lo >> 64, v.hi & LOW_64, v.hi >> 64]
    }

    fn reference_mul(a: u128, b: u128) -> [u128; 4] {
        let a = [a & LOW_64, a >> 64];
        let b = [b & LOW_64, b >> 64];
        let mut out = [0u128; 5];
        for i in 0..2 {
            let mut carry = 0u128;
            for j in 0..2 {
                let t = out[i + j] + a[i] * b[j] + carry;
                out[i + j] = t & LOW_64;
                carry = t >> 64;
            }
            let mut k = i + 2;
            while carry > 0 {
                let t = out[k] + carry;
                out[k] = t & LOW_64;
                carry = t >> 64;
                k += 1;
            }
        }
        [out[0], out[1], out[2], out[3]]
    }

    #[test]
    fn mul_of_maxima_is_exact() {
        let p = U256::mul_u128(u128::MAX, u128::MAX);
        // (2^128 - 1)^2 = 2^256 - 2^129 + 1
        assert_eq!(
            p,
            U256 {
                hi: u128::MAX - 1,
                lo: 1
            }
        );
    }

    #[test]
    fn div_by_zero_is_none() {
        assert_eq!(U256::from_u128(5).checked_div_rem_u128(0), None);
        assert_eq!(mul_div(1, 2, 0), None);
        assert_eq!(mul_div_ceil(1, 2, 0), None);
    }

    #[test]
    fn mul_div_handles_products_beyond_u128() {
        // 10m * 2^127 / 2^127 = 10m, although the product passes u128.
        assert_eq!(mul_div(10_000_000, 1 << 127, 1 << 127), Some(10_000_000));
        assert_eq!(mul_div(u128::MAX, u128::MAX, u128::MAX), Some(u128::MAX));
        assert_eq!(mul_div(u128::MAX, 2, 1), None);
    }

    #[test]
    fn mul_div_ceil_rounds_up_only_with_a_remainder() {
        assert_eq!(mul_div_ceil(10, 3, 3), Some(10));
        assert_eq!(mul_div_ceil(10, 1, 3), Some(4));
        assert_eq!(mul_div_ceil(u128::MAX, 1, 1), Some(u128::MAX));
        assert_eq!(mul_div_ceil(u128::MAX, 3, 2), None);
    }

    #[test]
    fn add_sub_carry_and_borrow() {
        let a = U256 {
            hi: 0,
            lo: u128::MAX,
        };
        let one = U256::from_u128(1);
        assert_eq!(a.checked_add(one), Some(U256::from_high(1)));
        assert_eq!(U256::from_high(1).checked_sub(one), Some(a));
        assert_eq!(U256::ZERO.checked_sub(one), None);
        let max = U256 {
            hi: u128::MAX,
            lo: u128::MAX,
        };
        assert_eq!(max.checked_add(one), None);
        assert_eq!(max.checked_mul_u128(2), None);
        assert_eq!(max.checked_mul_u128(1), Some(max));
    }

    proptest! {
        #[test]
        fn mul_matches_reference(a: u128, b: u128) {
            prop_assert_eq!(to_digits(U256::mul_u128(a, b)), reference_mul(a, b));
        }

        #[test]
        fn div_rem_inverts_mul(a: u128, b: u128, d in 1u128..) {
            let product = U256::mul_u128(a, b);
            let (q, r) = product.checked_div_rem_u128(d).unwrap();
            prop_assert!(r < d);
            // q * d + r == product
            let back = q.checked_mul_u128(d).unwrap().checked_add(U256::from_u128(r)).unwrap();
            prop_assert_eq!(back, product);
        }

        #[test]
        fn mul_div_matches_native_when_it_fits(a in 0u128..(1u128 << 64), b in 0u128..(1u128 << 64), d in 1u128..) {
            prop_assert_eq!(mul_div(a, b, d), Some(a * b / d));
            let ceil = (a * b).div_ceil(d);
            prop_assert_eq!(mul_div_ceil(a, b, d), Some(ceil));
        }

        #[test]
        fn add_then_sub_round_trips(ahi: u128, alo: u128, bhi in 0u128..(1u128 << 126), blo: u128) {
            let a = U256 { hi: ahi >> 1, lo: alo };
            let b = U256 { hi: bhi, lo: blo };
            let sum = a.checked_add(b).unwrap();
            prop_assert_eq!(sum.checked_sub(b), Some(a));
            prop_assert!(sum >= a);
        }
    }
}
