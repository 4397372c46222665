package dev.orbitar.promptlab.worker.report;

import java.util.Locale;

/** Builds SVG markup with escaped text and coordinates in a fixed locale; every element is explicitly closed. */
final class Svg {

    private final StringBuilder markup = new StringBuilder();

    Svg open(int width, int height, String label) {
        markup.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\""
                        + " role=\"img\" aria-label=\"%s\">%n",
                width, height, width, height, escape(label)));
        return this;
    }

    Svg close() {
        markup.append("</svg>\n");
        return this;
    }

    Svg group(String cssClass, String title) {
        markup.append("<g class=\"").append(escape(cssClass)).append("\"><title>").append(escape(title))
                .append("</title>\n");
        return this;
    }

    Svg endGroup() {
        markup.append("</g>\n");
        return this;
    }

    Svg line(double x1, double y1, double x2, double y2, String cssClass) {
        markup.append(String.format(Locale.ROOT,
                "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" class=\"%s\"></line>%n",
                x1, y1, x2, y2, escape(cssClass)));
        return this;
    }

    Svg rect(double x, double y, double width, double height, String cssClass) {
        markup.append(String.format(Locale.ROOT,
                "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" class=\"%s\"></rect>%n",
                x, y, Math.max(width, 1), height, escape(cssClass)));
        return this;
    }

    /** Adds a circle carrying its own tooltip. */
    Svg circle(double cx, double cy, double r, String cssClass, String title) {
        markup.append(String.format(Locale.ROOT,
                "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" class=\"%s\"><title>%s</title></circle>%n",
                cx, cy, r, escape(cssClass), escape(title)));
        return this;
    }

    Svg text(double x, double y, String anchor, String cssClass, String content) {
        markup.append(String.format(Locale.ROOT,
                "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" class=\"%s\">%s</text>%n",
                x, y, anchor, escape(cssClass), escape(content)));
        return this;
    }

    @Override
    public String toString() {
        return markup.toString();
    }

    /** Escapes text for HTML and SVG element content and attribute values. */
    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
