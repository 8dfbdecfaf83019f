//! Browser tests of the storage module against the real localStorage of headless Chromium.
