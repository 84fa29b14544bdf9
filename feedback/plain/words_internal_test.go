package plain

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseWords(t *testing.T) {
	list, err := parseWords("# comment\n\nerhålla|erhöll\tfå\ni enlighet med\tenligt\r\n")
	require.NoError(t, err)
	require.Len(t, list.words, 2)
	assert.Equal(t, []string{"erhålla", "erhöll"}, list.words[0].Forms)
	assert.Equal(t, "enligt", list.words[1].Alternative)
	assert.Len(t, list.byFirst["i"], 1)

	for _, tt := range []struct{ data, wantErr string }{
		{"erhålla få", `line 1 "erhålla få": want forms, a tab`},
		{"erhålla\tfå\tge", `line 1 "erhålla\tfå\tge": want forms, a tab`},
		{"erhålla\t", `alternative "" is empty`},
		{"erhålla\t få", `alternative " få" is empty or has spaces`},
		{"Erhålla\tfå", `form "Erhålla" must be lower-case`},
		{"i  enlighet\tenligt", `form "i  enlighet" must be lower-case words split by single spaces`},
		{"erhålla|\tfå", `form "" must be`},
		{"t.ex\ttill exempel", `form "t.ex" must be`},
		{"a\tb\nx|a\ty", `line 2 "x|a\ty": form "a" is listed twice`},
		{"få\tfå", `form "få" is its own alternative`},
	} {
		_, err := parseWords(tt.data)
		require.Error(t, err, "%q", tt.data)
		assert.Contains(t, err.Error(), tt.wantErr)
		assert.Contains(t, err.Error(), "words_sv.tsv")
	}
}

func TestEmbeddedWordsParse(t *testing.T) {
	list, err := parseWords(wordsTSV)
	require.NoError(t, err)
	assert.GreaterOrEqual(t, len(list.words), 100)
	// Phrases under one first word are tried longest first.
	for first, refs := range list.byFirst {
		for i := 1; i < len(refs); i++ {
			assert.GreaterOrEqual(t, len(list.phrases[refs[i-1]].words), len(list.phrases[refs[i]].words), "phrases under %q", first)
		}
	}
}
