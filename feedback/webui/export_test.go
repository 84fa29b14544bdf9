package webui

// Messages returns every fixed text of the pages as {Swedish, Finnish,
// English}, by key, with the names of the kinds ("kind:praise") and of the
// languages ("language:fi"), for the tests of package webui_test.
func Messages() map[string][3]string {
	out := make(map[string][3]string, len(messages)+len(kindNames)+len(languageNames))
	for k, m := range messages {
		out[k] = [3]string{m.sv, m.fi, m.en}
	}
	for k, m := range kindNames {
		out["kind:"+string(k)] = [3]string{m.sv, m.fi, m.en}
	}
	for k, m := range languageNames {
		out["language:"+k] = [3]string{m.sv, m.fi, m.en}
	}
	return out
}
