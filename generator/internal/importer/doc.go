// Package importer turns one source page into a Reprint post: YAML front
// matter and a Markdown body that an editor maintains by hand from then on.
//
// The input is a saved HTML page (Blogger's classic and mobile templates,
// WordPress, a news page with <article>, or anything else) or the plain
// text of a page as a browser shows it; [Import] tells them apart itself.
// The package does no I/O: bytes in, a [Post] out, and [Post.Markdown]
// gives the file. Reading files, -url, atomic writes and the copy of the
// source into content/sources/ are the command's business (package cli).
//
// # One pipeline
//
//	text scrape ──textToHTML──┐
//	                          ├─> goquery DOM ─> metadata ─> article body ─> clean ─> reshape
//	saved page ───────────────┘        ─> furniture by words and position ─> captions ─> Markdown writer
//
// A text scrape is first made into the simplest page that says the same
// thing: a <p> per paragraph (paragraphs end at blank lines; wrapped lines
// are joined with a space, or with nothing between two Chinese or
// Japanese characters). From there on text and HTML share every step, so
// a rule about bylines or comment widgets is written once.
//
//   - Metadata comes from the page's markup: og: and article: tags, JSON-LD,
//     microdata, <time>, rel=canonical, Blogger's .date-header and
//     .post-title, WordPress's .entry-title (page.go).
//   - The article body is the first of Blogger's .post-body, WordPress's
//     .entry-content, [itemprop=articleBody], <article>, common news-site
//     classes and <main>; failing those, the block with the most paragraph
//     text outside links, menus and sidebars (page.go). A page with none is
//     [ErrNoArticle].
//   - Cleaning drops scripts, forms, share buttons, comment sections,
//     related-post widgets, hidden elements and tracking pixels (normalize.go).
//   - Reshaping gives the writer one shape: Blogger's caption tables and
//     WordPress's .wp-caption become <figure>, and loose text and
//     <br><br>-separated runs become paragraphs (normalize.go).
//   - Furniture without markup — all of it, in a text scrape — is found by
//     its words and its place at the edges of the article: a "Pages" menu,
//     a date header, the title line, a byline such as "Want China Times,
//     Staff Reporter 2014-06-02" or "By Jane Doe"; after the text, a
//     comment section ("No comments:", "Post a Comment", …), pager and
//     blog footer lines and an empty "Related Article:" stub. A paragraph
//     ending in a photo credit such as "(Photo/CFP)" is a caption and
//     becomes a figure, with the photo before it if there is one
//     (furniture.go).
//
// An article's own byline outranks what the page says about itself: on a
// blog that reprints, the page's date is the date of the reprint (the
// post's source.published) and its "Posted by" name is the blogger's.
//
// # Markdown
//
// The writer (writer.go, inline.go, table.go, escape.go) emits one
// paragraph per line, ATX headings, "-" bullets, "*emphasis*",
// "**strong**", inline links made absolute against the page's address,
// GFM tables, fenced code, and photos with captions as figure blocks:
//
//	> [!figure]
//	> ![Alt text](https://example.com/photo.jpg)
//	>
//	> Caption text, credit included. (Photo/CFP)
//
// <del> and <ins> become CriticMarkup ({--old--}, {++new++}, and
// {~~old~>new~~} for a deletion directly followed by an insertion), so a
// page's own marked edits are kept, not flattened. It never writes HTML.
// Text that would read as Markdown is escaped where, and only where, it
// would: "1." or "-" at the start of a line, "*", "_" at a word's edge,
// "[", "<" before a letter, an entity, a CriticMarkup opener, "|". Entities
// become characters, and no-break spaces ordinary spaces: on these pages
// they are layout, and invisible in a file edited by hand.
//
// # Why not html-to-markdown
//
// github.com/JohannesKaufmann/html-to-markdown/v2 (v2.5.2) was tried for
// the emission. Its escaping is good, but its output needed rework at
// every point that matters here: "<" and ">" in text came out as "&lt;"
// and "&gt;"; hard breaks were two trailing spaces, which an editor cannot
// see; two adjacent lists were separated by an HTML comment, which our
// build refuses as raw HTML; nested lists left lines of trailing spaces;
// and CriticMarkup, figure blocks and the escaping of "{--" needed
// renderers and post-processing of their own. The writer here is about
// as long as that glue would have been, and every escape in it can be
// read, tested and fuzzed against goldmark (FuzzEscape, FuzzImport).
package importer
