package classify

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// TestClassifyHeldOutSet measures the classifier on a set written by another
// author who never saw the classifier's code, cues or data, to estimate how it
// does on messages nobody tuned it to. Its figures are the ones the README
// reports. The targets are the brief's: macro-F1 >= 0.90, language >= 0.97.
func TestClassifyHeldOutSet(t *testing.T) {
	r := runClassifySet(t, "heldout.tsv")
	r.log(t, "independent held-out set")
	for _, w := range r.wrong {
		t.Log("  " + w)
	}
	require.GreaterOrEqual(t, r.n, 350, "held-out set too small")
	require.GreaterOrEqual(t, r.macroF1(), 0.90, "macro-F1 on the held-out set")
	require.GreaterOrEqual(t, r.langAccuracy(), 0.97, "language accuracy on the held-out set")
}
