package io.huitong.risk.model;

import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A binary:logistic XGBoost tree ensemble evaluated in Java, from the model as XGBoost itself writes it in JSON. A
 * score walks each tree once, by array index, with XGBoost's own rules: a feature below the split goes left, a missing
 * one (NaN) goes the split's default way; leaf values are summed in single precision on the base margin, then the
 * sigmoid. It answers what XGBoost's prediction answers for the same input ({@link XgboostFraudModel} checks that on
 * load) at a small part of its cost per call, with no native call and no per-call allocation but the input.
 */
final class TreeEnsemble {

    private final float baseMargin;
    private final Tree[] trees;

    /** One tree as XGBoost lays it out: node i's children, split feature and condition (a leaf's value, at a leaf). */
    private record Tree(int[] left, int[] right, int[] feature, float[] condition, boolean[] defaultLeft) {

        float leaf(float[] x) {
            int node = 0;
            while (left[node] != -1) {
                float v = x[feature[node]];
                node = Float.isNaN(v) ? (defaultLeft[node] ? left[node] : right[node]) : v < condition[node] ? left[node] : right[node];
            }
            return condition[node];
        }
    }

    private TreeEnsemble(float baseMargin, Tree[] trees) {
        this.baseMargin = baseMargin;
        this.trees = trees;
    }

    /** Reads XGBoost's JSON of a {@code binary:logistic} gbtree model of one output; anything else is refused. */
    static TreeEnsemble fromJson(byte[] json) {
        JsonNode learner = JsonMapper.builder().build().readTree(json).path("learner");
        String objective = learner.path("objective").path("name").asString();
        JsonNode booster = learner.path("gradient_booster");
        if (!"binary:logistic".equals(objective) || !"gbtree".equals(booster.path("name").asString())) {
            throw new IllegalArgumentException("only binary:logistic gbtree models are evaluated in Java, not " + objective);
        }
        JsonNode params = learner.path("learner_model_param");
        if (!"1".equals(params.path("num_target").asString("1")) || !"0".equals(params.path("num_class").asString("0"))) {
            throw new IllegalArgumentException("only single-output models are evaluated in Java");
        }
        // base_score is kept as a probability, "[1.1E-2]" or "1.1E-2"; predictions start from its margin
        float baseScore = Float.parseFloat(params.path("base_score").asString().replace("[", "").replace("]", ""));
        float baseMargin = (float) -Math.log(1.0 / baseScore - 1.0);
        List<JsonNode> nodes = booster.path("model").path("trees").valueStream().toList();
        Tree[] trees = new Tree[nodes.size()];
        for (int t = 0; t < trees.length; t++) {
            JsonNode tree = nodes.get(t);
            if (tree.path("categories_nodes").size() > 0) {
                throw new IllegalArgumentException("categorical splits are not evaluated in Java");
            }
            trees[t] = new Tree(ints(tree.path("left_children")), ints(tree.path("right_children")), ints(tree.path("split_indices")),
                    floats(tree.path("split_conditions")), booleans(tree.path("default_left")));
        }
        return new TreeEnsemble(baseMargin, trees);
    }

    /** The probability of the positive class for one input row. */
    double probability(float[] x) {
        float margin = baseMargin;
        for (Tree tree : trees) {
            margin += tree.leaf(x);
        }
        return (float) (1.0 / (1.0 + Math.exp(-margin)));
    }

    private static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asInt();
        }
        return out;
    }

    private static float[] floats(JsonNode array) {
        float[] out = new float[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) array.get(i).asDouble();
        }
        return out;
    }

    private static boolean[] booleans(JsonNode array) {
        boolean[] out = new boolean[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asInt() != 0;
        }
        return out;
    }
}
