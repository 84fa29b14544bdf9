package webui

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/kommunkit/kommunkit/feedback"
)

// chartView is a bar chart drawn as SVG on the server, with the table of
// the same figures beside it.
type chartView struct {
	ID     string
	Title  string
	Desc   string // the figures in words, for screen readers
	Width  int
	Height int
	Bars   []barView
	Lines  []lineView
	Table  tableView
	Empty  string // said instead of the chart when there is nothing to draw
}

// barView is one bar and its labels; coordinates are SVG user units.
type barView struct {
	HasBar         bool
	X, Y, W, H     string
	Label          string
	LabelX, LabelY string
	LabelAnchor    string
	Value          string
	ValueX, ValueY string
	ValueAnchor    string
}

// lineView is a grid line with its label.
type lineView struct {
	X1, Y1, X2, Y2 string
	Text           string
	TX, TY         string
	Anchor         string
}

// tableView is a data table.
type tableView struct {
	Caption string
	Head    []string
	Rows    [][]string
}

func num(f float64) string { return strconv.FormatFloat(f, 'f', 1, 64) }

// shareChart draws the share answered on time of each group as horizontal
// bars from 0 to 100 %.
func shareChart(id, title string, groups []feedback.Group, name func(string) string, p page) chartView {
	const (
		barMax = 330.0
		rowH   = 34.0
		top    = 8.0
		// runeW is about the widest a letter of the labels is at 15 px
		// on average: "Vahingonkorvausvaatimus" is 198 px.
		runeW = 9.0
	)
	labels := make([]string, len(groups))
	labelW := 170.0 // room for the labels left of the bars
	for i, g := range groups {
		labels[i] = name(g.Key)
		labelW = max(labelW, float64(utf8.RuneCountInString(labels[i]))*runeW+16)
	}
	c := chartView{ID: id, Title: title, Width: int(labelW + barMax + 120)}
	c.Table = tableView{Caption: title, Head: []string{
		p.T("fu.col.group"), p.T("fu.col.received"), p.T("fu.col.settled"),
		p.T("fu.col.ontime"), p.T("fu.col.share"), p.T("fu.col.overdue"),
	}}
	var words []string
	settled := 0
	for i, g := range groups {
		label := labels[i]
		share := "–"
		if g.Settled > 0 {
			share = percent(g.OnTimeShare, p.Lang)
			settled++
		}
		c.Table.Rows = append(c.Table.Rows, []string{
			label, strconv.Itoa(g.Received), strconv.Itoa(g.Settled),
			strconv.Itoa(g.OnTime), share, strconv.Itoa(g.Overdue),
		})
		y := top + float64(i)*rowH
		b := barView{
			Label: label, LabelX: num(labelW - 8), LabelY: num(y + 21), LabelAnchor: "end",
			ValueY: num(y + 21), ValueAnchor: "start",
		}
		if g.Settled > 0 {
			w := g.OnTimeShare * barMax
			b.HasBar = true
			b.X, b.Y, b.W, b.H = num(labelW), num(y+6), num(w), num(rowH-12)
			b.Value = share + " (" + strconv.Itoa(g.OnTime) + "/" + strconv.Itoa(g.Settled) + ")"
			b.ValueX = num(labelW + w + 6)
			words = append(words, label+": "+b.Value)
		} else {
			b.Value = p.T("fu.nonesettled")
			b.ValueX = num(labelW + 6)
			words = append(words, label+": –")
		}
		c.Bars = append(c.Bars, b)
	}
	bottom := top + float64(len(groups))*rowH
	c.Height = int(bottom + 28)
	for _, t := range []float64{0, 0.5, 1} {
		x := labelW + t*barMax
		c.Lines = append(c.Lines, lineView{
			X1: num(x), Y1: num(top), X2: num(x), Y2: num(bottom),
			Text: percent(t, p.Lang), TX: num(x), TY: num(bottom + 18), Anchor: "middle",
		})
	}
	c.Desc = p.T("fu.chartdesc") + " " + strings.Join(words, "; ") + "."
	if settled == 0 {
		c.Empty = p.T("fu.nodata")
	}
	return c
}

// weekChart draws the cases received per week as vertical bars.
func weekChart(id, title string, weeks []weekCount, p page) chartView {
	const (
		left   = 44.0
		plotW  = 560.0
		plotH  = 180.0
		top    = 24.0
		height = 252
	)
	c := chartView{ID: id, Title: title, Width: int(left + plotW + 16), Height: height}
	c.Table = tableView{Caption: title, Head: []string{p.T("fu.col.week"), p.T("fu.col.cases")}}
	max := 0
	for _, w := range weeks {
		if w.Count > max {
			max = w.Count
		}
	}
	scale := niceMax(max)
	n := len(weeks)
	slot := plotW / float64(max1(n))
	every := 1 + n/14 // label at most about 14 weeks
	var words []string
	for i, w := range weeks {
		label := p.Tf("fu.week", w.Week)
		full := label + " " + strconv.Itoa(w.Year)
		c.Table.Rows = append(c.Table.Rows, []string{full + " (" + w.Monday.String() + ")", strconv.Itoa(w.Count)})
		words = append(words, label+": "+strconv.Itoa(w.Count))
		h := plotH * float64(w.Count) / float64(scale)
		x := left + float64(i)*slot
		b := barView{
			HasBar: w.Count > 0,
			X:      num(x + slot*0.15), Y: num(top + plotH - h), W: num(slot * 0.7), H: num(h),
			LabelX: num(x + slot/2), LabelY: num(top + plotH + 18), LabelAnchor: "middle",
			ValueX: num(x + slot/2), ValueY: num(top + plotH - h - 4), ValueAnchor: "middle",
		}
		if i%every == 0 {
			b.Label = label
		}
		if n <= 26 && w.Count > 0 {
			b.Value = strconv.Itoa(w.Count)
		}
		c.Bars = append(c.Bars, b)
	}
	for _, t := range []int{0, scale / 2, scale} {
		y := top + plotH - plotH*float64(t)/float64(scale)
		c.Lines = append(c.Lines, lineView{
			X1: num(left), Y1: num(y), X2: num(left + plotW), Y2: num(y),
			Text: strconv.Itoa(t), TX: num(left - 6), TY: num(y + 4), Anchor: "end",
		})
	}
	c.Desc = p.T("fu.chartdesc") + " " + strings.Join(words, "; ") + "."
	return c
}

// niceMax returns a round number at least max (and at least 2, so that the
// middle grid line is a whole number).
func niceMax(max int) int {
	if max <= 2 {
		return 2
	}
	for _, step := range []int{2, 4, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000, 10000} {
		if max <= step {
			return step
		}
	}
	m := 10000
	for m < max {
		m *= 2
	}
	return m
}

func max1(n int) int {
	if n < 1 {
		return 1
	}
	return n
}
