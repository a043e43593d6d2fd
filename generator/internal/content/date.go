package content

import (
	"fmt"
	"time"
)

// Date is a calendar day. Posts are dated by day, not by instant: a time of
// day or a zone in the front matter would be an invented precision.
type Date struct{ time.Time }

// ParseDate accepts exactly YYYY-MM-DD and rejects impossible days such as
// 2014-02-30, which time.Parse already refuses.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return Date{}, fmt.Errorf("%q is not a date: write it as YYYY-MM-DD, a real day (like 2014-06-02)", s)
	}
	return Date{t}, nil
}

// String gives the date as YYYY-MM-DD, or "" for the zero date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return d.Format(time.DateOnly)
}

// Long gives the date as readers see it in English: "June 2, 2014".
func (d Date) Long() string {
	if d.IsZero() {
		return ""
	}
	return d.Format("January 2, 2006")
}
