/*
 * Site search: find what readers type, not only jieba's tokens.
 *
 * Material 9.8 builds its lunr index from jieba tokens (the build inserts U+200B between them). Readers type
 * whole phrases, such as 逾期多久上征信. The search worker splits Chinese queries itself with an experimental
 * heuristic that drops words. It gives up at the first character that does not start an index word and never
 * sees the query's last character, so that query searches 逾期 多久 上 and never 征信.
 * Measurements: benchmarks/search.md.
 *
 * The fix is here, in the page, not in Material's minified code. Material talks to its worker with
 * postMessage({type, data}): SETUP (0) carries the index, QUERY (2) the text in the search box. We wrap
 * Worker.prototype.postMessage, keep the index from SETUP and rewrite each QUERY:
 *   1. Take every index word (two or more Han characters) that occurs in the query, like jieba's full mode
 *      but using only words the index holds. This is consistent with the index by construction. Drop
 *      words inside a longer match (信用 inside 信用卡) and question or function words (怎么, 吗, 可以).
 *      A Han character that no index word covers stays as a one-character term.
 *   2. Search each word exactly (word^1) and as a prefix (Material appends *): 最低还款 still finds
 *      最低还款额, but exact matches score higher. One-character terms are exact only.
 *   3. Put a backslash between Han characters. This is lunr's escape syntax: it stops Material's
 *      heuristic from splitting the word again, and lunr's query parser removes the backslashes.
 * If this script ever runs after SETUP was sent, it fetches the index itself (from the HTTP cache) and
 * posts queries once the index is ready. Queries that use lunr syntax (+ - * ~ ^ : " \) pass through
 * unchanged. In a browser without Unicode property escapes the script does nothing, and search behaves
 * as stock Material.
 */
// Material reads the search box on keyup only, so text put there by a paste menu, voice input or an input
// method without key events would never be searched. Turn every such `input` into the keyup Material expects.
// Delegated on the document, so it survives instant navigation; it does not need the query rewrite below.
document.addEventListener("input", function (event) {
  var box = event.target
  if (!box || !box.matches || !box.matches("[data-md-component=search-query]") || event.isComposing)
    return
  box.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }))
}, true);

(function () {
  "use strict"

  var SETUP = 0
  var QUERY = 2
  var LUNR_SYNTAX = /[+\-*~^:"\\]/
  // Question words, particles and pronouns that readers add to a phrase. They occur on every page, and
  // a page title that contains one (such as 怎么) would otherwise outrank the page that answers.
  var FUNCTION_WORDS = (
    "的 地 得 了 着 过 吗 呢 吧 啊 呀 嘛 么 是 不是 我 我的 我们 你 你们 他 她 它 他们 自己 " +
    "要 会 能 可以 可能 应该 怎么 怎么办 怎么样 怎样 如何 什么 为什么 为啥 啥 哪 哪个 哪些 哪里 " +
    "去 去哪 去哪里 有 没有 有没有 是不是 会不会 能不能 可不可以 要不要 说 就 都 也 还是 被 把 给 " +
    "跟 和 与 及 到 在 这 那 这个 那个 这样 那样 个 一下"
  ).split(" ")

  if (typeof Worker === "undefined" || Worker.prototype.postMessage.rewritesSearchQueries)
    return
  var han, hanRuns
  try {
    han = new RegExp("\\p{sc=Han}", "u")
    hanRuns = new RegExp("\\p{sc=Han}+|[^\\p{sc=Han}]+", "gu")
  } catch (err) {
    return // no Unicode property escapes: leave search as it is
  }

  var functionWords = new Set(FUNCTION_WORDS)
  var index = null        // {config, docs} from Material's SETUP message
  var fetched = null      // Promise of the index, if SETUP was sent before this script ran
  var vocabulary = null   // Set of index words of two or more Han characters, built on the first query
  var longest = 0

  function buildVocabulary() {
    var separator = new RegExp(index.config.separator)
    var onlyHan = new RegExp("^\\p{sc=Han}{2,}$", "u")
    vocabulary = new Set()
    index.docs.forEach(function (doc) {
      [doc.title, doc.text].forEach(function (field) {
        if (typeof field !== "string")
          return
        field.replace(/<[^>]*>/g, " ").split(separator).forEach(function (token) {
          if (onlyHan.test(token) && !vocabulary.has(token)) {
            vocabulary.add(token)
            longest = Math.max(longest, token.length)
          }
        })
      })
    })
  }

  // Index words found in one run of Han characters, plus the characters no index word covers
  function wordsIn(run) {
    var found = []
    var covered = new Array(run.length)
    for (var i = 0; i < run.length; i++)
      for (var j = i + 2; j <= Math.min(run.length, i + longest); j++) {
        var word = run.slice(i, j)
        if (vocabulary.has(word) || functionWords.has(word)) {
          if (!functionWords.has(word))
            found.push(word)
          for (var k = i; k < j; k++)
            covered[k] = true
        }
      }
    for (var c = 0; c < run.length; c++)
      if (!covered[c] && !functionWords.has(run[c]))
        found.push(run[c])
    return found.filter(function (word) {
      return !found.some(function (other) {
        return other.length > word.length && other.indexOf(word) !== -1
      })
    })
  }

  function escaped(word) {
    return word.split("").join("\\")
  }

  function rewrite(query) {
    if (LUNR_SYNTAX.test(query) || !han.test(query))
      return query
    if (!vocabulary)
      buildVocabulary()
    var terms = []
    query.split(/\s+/).forEach(function (part) {
      (part.match(hanRuns) || []).forEach(function (run) {
        if (!han.test(run))
          return terms.push(run)
        wordsIn(run).forEach(function (word) {
          terms.push(escaped(word) + "^1")
          if (word.length > 1)
            terms.push(escaped(word))
        })
      })
    })
    var unique = terms.filter(function (term, i) { return terms.indexOf(term) === i })
    return unique.length ? unique.join(" ") : query
  }

  // Resolved now: after instant navigation the page URL no longer matches the relative base in __config
  var indexURL = (function () {
    try {
      var config = JSON.parse(document.getElementById("__config").textContent)
      return new URL("search/search_index.json", new URL(config.base, location.href)).href
    } catch (err) {
      return null
    }
  })()

  function rewritten(message) {
    try {
      return { type: QUERY, data: rewrite(message.data) }
    } catch (err) {
      return message // never let the rewrite break search
    }
  }

  var post = Worker.prototype.postMessage
  function postMessage(message) {
    var worker = this
    var args = Array.prototype.slice.call(arguments)
    if (message && message.type === SETUP && message.data && message.data.docs) {
      index = message.data
    } else if (message && message.type === QUERY && typeof message.data === "string") {
      if (index) {
        args[0] = rewritten(message)
      } else if (indexURL && window.fetch) {
        fetched = fetched || fetch(indexURL).then(function (response) { return response.json() })
        fetched.then(function (data) { index = data }, function () {}).then(function () {
          args[0] = index ? rewritten(message) : message
          post.apply(worker, args)
        })
        return undefined
      }
    }
    return post.apply(this, args)
  }
  postMessage.rewritesSearchQueries = true
  Worker.prototype.postMessage = postMessage
})()
