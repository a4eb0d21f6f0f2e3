//! Tickets: placeholder, being written.
