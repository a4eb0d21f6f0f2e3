//! Service claims: placeholder, being written.
