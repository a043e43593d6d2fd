// Package webcheck proves a built site (public/) in the tools the web's own
// practitioners trust, rather than in tests of our own making:
//
//   - Validity: the Nu Html Checker (vnu.jar, the W3C validator's engine)
//     on every HTML and CSS file, and well-formed XML, with the elements
//     RFC 4287 requires, in the Atom feed and the sitemap. See [Validate]
//     and [CheckFeeds].
//   - Accessibility: axe-core, injected into each page in headless
//     Chromium, with the WCAG 2.0, 2.1 and 2.2 A and AA rules, at a phone's
//     and a desktop's width, in light and dark colour schemes. See
//     [Browser.Accessibility].
//   - Links: every internal link and reference resolves, and every page
//     loads without a failed request or a console error, with the site
//     served at /, served under /a/sub/path/, and opened from disk. See
//     [Browser.Links].
//   - Weight: the bytes of each page and everything it loads; a post must
//     fit in 14 KiB, and no page may run JavaScript or load from another
//     host. See [Browser.Weight].
//   - Screenshots of a page in each view, for a person to judge. See
//     [Browser.Screenshots].
//
// Each check returns a report whose Problems method lists what is wrong,
// so a test (this package's, or a CI step) fails on any of them, and the
// report's fields give the per-page figures.
//
// # Tools
//
// The checks run real programs: Debian's chromium, java, and the Node
// packages vnu-jar and axe-core pinned in .ci/package.json. The script
// .ci/install-tools installs them all; [FindTools] finds them. This
// package's tests skip a check whose tool is missing and say which, except
// under CI=true, where a missing tool fails them.
//
// # No network
//
// The browser reaches loopback and files only (see [Browser]): a page
// that asks for anything else fails the check that opened it.
package webcheck
