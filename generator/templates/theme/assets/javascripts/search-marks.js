// Material's search matches every word of the query as the beginning of a word, and marks what it matched:
// "do thi" marks "doanh" and "thiệu". A result keeps the marks of words the reader typed in full (diacritics
// aside) and, for the word still being typed (the last, until a space follows), of the words it begins.
(() => {
  const fold = text => text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/gi, "d").toLowerCase()
  const input = document.querySelector(".md-search__input")
  const results = document.querySelector(".md-search-result__list")
  if (!input || !results) return
  const keepOnlyWholeWords = () => {
    const words = fold(input.value).split(/[\s\-]+/).filter(Boolean)
    const typing = /\s$/.test(input.value) ? "" : words[words.length - 1] || ""
    for (const mark of results.querySelectorAll("mark")) {
      const text = fold(mark.textContent)
      if (!words.includes(text) && !(typing && text.startsWith(typing)))
        mark.replaceWith(mark.textContent)
    }
  }
  new MutationObserver(keepOnlyWholeWords).observe(results, { childList: true, subtree: true })
})()
