//! The integration tests of taawun-core: one binary, one module per area of the domain.

mod values;
