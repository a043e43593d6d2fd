package content

import "go/scanner"

// Error is one problem at one place: it prints as path:line:col: message,
// the shape compilers use and editors jump to.
type Error = scanner.Error

// ErrorList collects every problem of a run so they can be shown together.
type ErrorList = scanner.ErrorList
