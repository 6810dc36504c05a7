package dev.floe.sql;

import dev.floe.frame.LazyFrame;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A plan with the SQL names of its columns: what a FROM item, a join of them or a query gives.
 * Each field is a column of the plan ({@code column}) that SQL calls {@code qualifier.name}; a
 * hidden field can be named but is left out of {@code *} (the second copy of a USING key). An
 * outer field holds an enclosing query's value inside a correlated subquery: a name finds it
 * only where no field of the subquery's own has that name, and {@code *} leaves it out.
 */
record Relation(LazyFrame frame, List<Field> fields, Map<String, Domain> domains) {
    record Field(String qualifier, String name, String column, boolean hidden, boolean outer) {
        Field(String qualifier, String name, String column, boolean hidden) {
            this(qualifier, name, column, hidden, false);
        }

        Field requalified(String qualifier) {
            return new Field(qualifier, name, column, hidden, outer);
        }

        String display() {
            return qualifier == null ? name : qualifier + "." + name;
        }
    }

    /**
     * A frame that holds every value a column of the relation holds (and maybe more): a FROM
     * item's rows after its own filters, under {@code column}, from which a correlated
     * subquery's outer values are read more cheaply than from the whole join.
     */
    record Domain(LazyFrame frame, String column, int item) {}

    Relation {
        fields = List.copyOf(fields);
        domains = Map.copyOf(domains);
    }

    Relation(LazyFrame frame, List<Field> fields) {
        this(frame, fields, Map.of());
    }

    /**
     * The frame and its columns that hold every combination of the values of {@code reads} the
     * relation holds, or null if none is known: when all of them come from one FROM item (the
     * same item, not the same frame: a table named twice, {@code FROM t t1, t t2}, is one frame
     * read by two items, whose rows combine).
     */
    Domain[] domains(List<Field> reads) {
        Domain[] found = new Domain[reads.size()];
        for (int i = 0; i < found.length; i++) {
            found[i] = domains.get(reads.get(i).column());
            if (found[i] == null || found[i].item() != found[0].item()) {
                return null;
            }
        }
        return found;
    }

    /** The query output {@code frame} as a relation: every column under its own name. */
    static Relation of(LazyFrame frame, String qualifier) {
        List<Field> fields = new ArrayList<>();
        for (String name : frame.schema().names()) {
            fields.add(new Field(qualifier, name, name, false));
        }
        return new Relation(frame, fields);
    }

    Relation requalified(String qualifier) {
        return new Relation(frame, fields.stream().map(f -> f.requalified(qualifier)).toList());
    }

    /** The same fields over {@code frame}, which holds some of this relation's rows (so the domains still hold). */
    Relation withFrame(LazyFrame frame) {
        return new Relation(frame, fields, domains);
    }

    /**
     * The fields {@code qualifier.name} can mean ({@code qualifier} null: any), visible ones first;
     * outer fields only where no other field matches.
     */
    List<Field> matches(String qualifier, String name) {
        List<Field> own = matches(qualifier, name, false);
        return own.isEmpty() ? matches(qualifier, name, true) : own;
    }

    private List<Field> matches(String qualifier, String name, boolean outer) {
        List<Field> exact = new ArrayList<>();
        List<Field> folded = new ArrayList<>();
        for (Field field : fields) {
            if (field.outer() != outer) {
                continue;
            }
            if (qualifier != null && (field.qualifier() == null || !field.qualifier().equalsIgnoreCase(qualifier))) {
                continue;
            }
            if (field.name().equals(name)) {
                exact.add(field);
            } else if (field.name().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                folded.add(field);
            }
        }
        List<Field> found = exact.isEmpty() ? folded : exact;
        if (qualifier == null && found.size() > 1) {
            List<Field> visible = found.stream().filter(f -> !f.hidden()).toList();
            if (!visible.isEmpty()) {
                return visible;
            }
        }
        return found;
    }

    /** The names SQL can use, for error messages. */
    String describe() {
        List<String> names = new ArrayList<>();
        for (Field field : fields) {
            if (!field.hidden() && !field.outer()) {
                names.add(field.display());
            }
        }
        return names.isEmpty() ? "(none)" : String.join(", ", names);
    }
}
