;; Runs many samplegen Clojure samples in one JVM, one after the other, so that Clojure and
;; clj-http start and compile once for all of them (each takes seconds):
;;
;;   clojure -cp LIBRARIES run_many.clj SAMPLE RESULT [SAMPLE RESULT]...
;;
;; Each SAMPLE is loaded as `clojure sample.clj` would load it; its RESULT file gets `ok`, or
;; `failed` and on the next line what it threw. What a sample prints is dropped.

(when (or (empty? *command-line-args*) (odd? (count *command-line-args*)))
  (binding [*out* *err*]
    (println "usage: clojure run_many.clj SAMPLE RESULT [SAMPLE RESULT]..."))
  (System/exit 2))

(doseq [[sample result] (partition 2 *command-line-args*)]
  (spit result
        (try
          (binding [*out* (java.io.StringWriter.)]
            (load-file sample))
          "ok\n"
          (catch Throwable thrown
            (str "failed\n" thrown "\n")))))

(System/exit 0)
