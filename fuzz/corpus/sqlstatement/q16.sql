SELECT ':a', ":b", $$ :c $$, E' \' :d', /* :e */ :f -- :g
