package content

import (
	"errors"
	"go/scanner"
)

// Error is one problem at one place: it prints as path:line:col: message,
// the shape compilers use and editors jump to.
type Error = scanner.Error

// ErrorList collects every problem of a run so they can be shown together.
type ErrorList = scanner.ErrorList

// AsList returns the positioned errors err carries: a list as it is, a
// single positioned error as a list of one, and nil for an error without
// a position. Callers that collect or print problems use it so that both
// shapes are handled alike.
func AsList(err error) ErrorList {
	var list ErrorList
	var one *Error
	switch {
	case errors.As(err, &list):
		return list
	case errors.As(err, &one):
		return ErrorList{one}
	}
	return nil
}
