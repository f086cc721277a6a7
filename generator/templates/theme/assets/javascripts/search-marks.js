// Material's search matches every word of the query as the beginning of a word, and marks what it matched,
// in the results and (from the link's ?h=) on the page opened: "do thi" marks "doanh", "thiệu", and on the
// page "do" in "doanh" and "ambassador". Only whole words the reader typed (diacritics aside) keep their
// marks, and in the results, while a word is still being typed (the last, until a space), the words it begins.
(() => {
  const fold = text => text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/gi, "d").toLowerCase()
  const words = query => fold(query).split(/[\s\-+]+/).filter(Boolean)
  const letter = /[\p{L}\p{N}]/u
  const inWord = mark => letter.test((mark.previousSibling?.textContent ?? "").slice(-1)) ||
                         letter.test((mark.nextSibling?.textContent ?? "").slice(0, 1))
  const keepWholeWords = (container, typed, typing = "") => {
    for (const mark of container.querySelectorAll("mark")) {
      const text = fold(mark.textContent)
      if (inWord(mark) || !(typed.includes(text) || (typing && text.startsWith(typing))))
        mark.replaceWith(mark.textContent)
    }
  }
  const watch = (container, marksToKeep) =>
    container && new MutationObserver(() => marksToKeep(container)).observe(container, { childList: true, subtree: true })

  const input = document.querySelector(".md-search__input")
  watch(document.querySelector(".md-search-result__list"), results => {
    const typed = words(input.value)
    keepWholeWords(results, typed, /\s$/.test(input.value) ? "" : typed[typed.length - 1])
  })
  const highlighted = new URLSearchParams(location.search).get("h")
  const article = document.querySelector("article")
  if (highlighted && article) {
    keepWholeWords(article, words(highlighted))
    watch(article, page => keepWholeWords(page, words(highlighted)))
  }
})()
