//! Browser tests of the safety screens and banners, mounted in headless Chromium.
