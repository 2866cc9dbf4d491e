//! Claim detection. (Filled in by the claim-detection work.)
