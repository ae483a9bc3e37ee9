;;; statuslint.el --- HTTP status codes, checked: statuslint in Eglot  -*- lexical-binding: t; -*-

;; Version: 0.1.0
;; Package-Requires: ((emacs "27.1") (eglot "1.9"))
;; Keywords: languages, tools
;; URL: https://github.com/statuslint/statuslint
;; SPDX-License-Identifier: MIT

;;; Commentary:

;; Registers `statuslint lsp' with Eglot for JavaScript, TypeScript and Rust buffers:
;;
;;   (require 'statuslint)
;;   (statuslint-eglot-setup)
;;   (add-hook 'js-mode-hook #'eglot-ensure)
;;
;; Eglot runs one server per buffer, so for these modes statuslint takes the place of
;; typescript-language-server or rust-analyzer.  See README.md beside this file.

;;; Code:

(require 'cl-lib)
(require 'eglot)

(defgroup statuslint nil
  "HTTP status code checks from the statuslint language server."
  :group 'tools
  :prefix "statuslint-")

(defcustom statuslint-program "statuslint"
  "The statuslint executable: a name on `exec-path', or an absolute file name."
  :type 'string)

(defcustom statuslint-initialization-options nil
  "The server's configuration, a plist sent as LSP initializationOptions.
For example:
  (:rules (:platform-reserved \"error\" :unofficial-code \"off\")
   :platforms [\"cloudflare\" \"edgio\"]
   :allow [499]
   :inlayHints t)
Nil leaves every setting at the server's default (and statuslint.toml, where the
server reads one)."
  :type '(plist))

;; Eglot 1.9 sends one languageId for every buffer of a server, so each language gets its own
;; entry and hence its own server.  Derived modes come before their parents (`js-jsx-mode'
;; derives from `js-mode') because Eglot takes the first entry that matches.
(defconst statuslint-major-modes
  '((js-jsx-mode . "javascriptreact")
    (js-mode . "javascript")
    (js-ts-mode . "javascript")
    (tsx-ts-mode . "typescriptreact")
    (typescript-ts-mode . "typescript")
    (typescript-mode . "typescript")
    (rustic-mode . "rust")
    (rust-ts-mode . "rust")
    (rust-mode . "rust")
    (python-ts-mode . "python")
    (python-mode . "python")
    (go-ts-mode . "go")
    (go-mode . "go"))
  "Major modes statuslint serves, with the LSP languageId each one sends.")

(defun statuslint-eglot-contact (&optional _interactive)
  "The command Eglot runs, read at each start so customizations apply."
  (append (list statuslint-program "lsp")
          (when statuslint-initialization-options
            (list :initializationOptions statuslint-initialization-options))))

;;;###autoload
(defun statuslint-eglot-setup ()
  "Make Eglot start statuslint for JavaScript, TypeScript and Rust buffers.
Calling it again is harmless."
  (interactive)
  (dolist (entry (reverse statuslint-major-modes))
    (let ((key `((,(car entry) :language-id ,(cdr entry)))))
      (setq eglot-server-programs (cl-remove key eglot-server-programs
                                             :key #'car :test #'equal))
      (push (cons key #'statuslint-eglot-contact) eglot-server-programs))))

;;; Completion by phrase

;; Eglot's own `completion-at-point' completes the symbol before point (`Many' of
;; `res.status(Too Many') and filters the server's items against it with the completion
;; styles, so a phrase either finds nothing or has its common part written into the buffer.
;; In a status slot this function answers first: it asks the server, completes the whole
;; phrase (from where the server's edit starts), offers each item's code in the server's order,
;; and inserts the code.  Anywhere else it returns nil and Eglot's completion runs.

(defun statuslint--try-completion (string table pred point)
  "Completion style: STRING completes only when TABLE offers one candidate.
PRED and POINT are as for `completion-try-completion'."
  (let ((all (all-completions string table pred)))
    (if (= (length all) 1)
        (cons (car all) (length (car all)))
      (cons string point))))

(defun statuslint--all-completions (string table pred _point)
  "Completion style: every candidate TABLE offers for STRING, unfiltered.
PRED is as for `completion-all-completions'."
  (let ((all (all-completions string table pred)))
    (when all (nconc all 0))))

(add-to-list 'completion-styles-alist
             '(statuslint statuslint--try-completion statuslint--all-completions
                          "The server's candidates, as it ranked them."))
(add-to-list 'completion-category-defaults '(statuslint (styles statuslint)))

(defun statuslint--items-here ()
  "The server's completion items at point, or nil."
  (when-let ((server (and (bound-and-true-p eglot--managed-mode) (eglot-current-server))))
    ;; The server must see what was just typed; Eglot sends changes on an idle timer.
    (eglot--signal-textDocument/didChange)
    (let ((response (condition-case nil
                        (jsonrpc-request server :textDocument/completion
                                         (eglot--CompletionParams)
                                         :timeout 2)
                      (error nil))))
      (append (if (vectorp response) response (plist-get response :items)) nil))))

;;;###autoload
(defun statuslint-completion-at-point ()
  "Complete the phrase typed where a status code goes with the code it names.
A function for `completion-at-point-functions'; nil outside a status slot."
  (let* ((items (cl-remove-if-not (lambda (item) (plist-get item :textEdit))
                                  (statuslint--items-here)))
         (items (sort items (lambda (a b)
                              (string< (or (plist-get a :sortText) (plist-get a :label))
                                       (or (plist-get b :sortText) (plist-get b :label))))))
         (range (and items (plist-get (plist-get (car items) :textEdit) :range))))
    (when range
      (let ((start (eglot--lsp-position-to-point (plist-get range :start)))
            (candidates
             (mapcar (lambda (item)
                       (let ((code (plist-get (plist-get item :textEdit) :newText)))
                         (propertize code 'statuslint--item item)))
                     items)))
        (when (<= start (point))
          (list start (point)
                (lambda (string _pred action)
                  (cond ((eq action 'metadata)
                         '(metadata (category . statuslint)
                                    (display-sort-function . identity)
                                    (cycle-sort-function . identity)))
                        ((eq (car-safe action) 'boundaries) nil)
                        ;; Every candidate answers the phrase: the server chose them for it.
                        ((eq action t) (copy-sequence candidates))
                        ((null action)
                         (if (cdr candidates) string (car candidates)))
                        (t (and (member string candidates) t))))
                :exclusive 'no
                :annotation-function
                (lambda (candidate)
                  ;; `429' with its phrase; a constant with its code and phrase.
                  (let* ((item (get-text-property 0 'statuslint--item candidate))
                         (label (or (plist-get item :label) ""))
                         (prefix (concat candidate " ")))
                    (concat "  " (if (string-prefix-p prefix label)
                                     (substring label (length prefix))
                                   (or (plist-get item :detail) "")))))))))))

(defun statuslint--managed-buffer-setup ()
  "Put `statuslint-completion-at-point' first in a statuslint buffer's completion."
  (when (and (bound-and-true-p eglot--managed-mode)
             (eglot-current-server)
             (equal (car (process-command (jsonrpc--process (eglot-current-server))))
                    statuslint-program))
    (add-hook 'completion-at-point-functions #'statuslint-completion-at-point nil t)
    ;; Before Eglot's own function, which Eglot adds buffer-locally too.
    (remove-hook 'completion-at-point-functions #'statuslint-completion-at-point t)
    (push #'statuslint-completion-at-point completion-at-point-functions)))

(add-hook 'eglot-managed-mode-hook #'statuslint--managed-buffer-setup)

;;;###autoload
(defun statuslint-explain (query)
  "Show the catalog entry for QUERY, a status code, or the codes matching a phrase."
  (interactive "sExplain status code or phrase: ")
  (let ((buffer (get-buffer-create "*statuslint explain*")))
    (with-current-buffer buffer
      (let ((inhibit-read-only t))
        (erase-buffer)
        (apply #'call-process statuslint-program nil t nil "explain" (split-string query))
        (goto-char (point-min)))
      (special-mode))
    (display-buffer buffer)))

(provide 'statuslint)
;;; statuslint.el ends here
