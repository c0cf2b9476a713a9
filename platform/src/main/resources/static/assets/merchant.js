// The merchant dashboard's enhancements, all optional: the pages work without them.
// - a "copy" button copies the text of the field its data-copy names (an invitation link, a new key) and says so;
// - a form with data-confirm asks before it is sent (a refund, a key rotation, disabling a user);
// - a chart (an element with data-chart) is drawn with ECharts from the JSON its data-src names, once ECharts is loaded.
(function () {
  'use strict';

  function onReady(fn) {
    if (document.readyState === 'loading') {
      document.addEventListener('DOMContentLoaded', fn);
    } else {
      fn();
    }
  }

  function copyButtons() {
    document.querySelectorAll('button[data-copy]').forEach(function (button) {
      button.addEventListener('click', function () {
        var field = document.getElementById(button.getAttribute('data-copy'));
        var status = document.getElementById(button.getAttribute('data-status') || 'copy-status');
        if (!field) {
          return;
        }
        field.select();
        var done = function () {
          if (status) {
            status.textContent = button.getAttribute('data-copied') || 'Copied';
          }
        };
        if (navigator.clipboard && navigator.clipboard.writeText) {
          navigator.clipboard.writeText(field.value).then(done, function () {
            document.execCommand('copy');
            done();
          });
        } else {
          document.execCommand('copy');
          done();
        }
      });
    });
  }

  function confirmations() {
    document.querySelectorAll('form[data-confirm]').forEach(function (form) {
      form.addEventListener('submit', function (event) {
        if (!window.confirm(form.getAttribute('data-confirm'))) {
          event.preventDefault();
        }
      });
    });
  }

  // a form submitted once is not submitted again while its answer is on the way (the server refunds once anyway)
  function singleSubmit() {
    document.querySelectorAll('form[data-once]').forEach(function (form) {
      form.addEventListener('submit', function () {
        if (form.dataset.sent === 'true') {
          return;
        }
        form.dataset.sent = 'true';
        window.setTimeout(function () {
          form.querySelectorAll('button[type=submit]').forEach(function (b) { b.disabled = true; });
        }, 0);
      });
    });
  }

  var palette = ['#0b57d0', '#146c2e', '#b3261e', '#7a4100', '#6750a4', '#00696f'];

  function money(value, currency, language) {
    try {
      return new Intl.NumberFormat(language, { style: 'currency', currency: currency }).format(value);
    } catch (e) {
      return value + ' ' + currency;
    }
  }

  function trendOption(data, labels, language) {
    return {
      color: palette,
      animation: false,
      aria: { enabled: true },
      tooltip: { trigger: 'axis', renderMode: 'richText' },
      legend: { top: 0 },
      grid: { left: 8, right: 8, bottom: 8, top: 36, containLabel: true },
      xAxis: { type: 'category', data: data.trend.map(function (p) { return p.label; }) },
      yAxis: [
        { type: 'value', axisLabel: { formatter: function (v) { return money(v, data.currency, language); } } },
        { type: 'value', minInterval: 1, splitLine: { show: false } }
      ],
      series: [
        { name: labels.amount, type: 'bar', data: data.trend.map(function (p) { return p.amount; }) },
        { name: labels.count, type: 'line', yAxisIndex: 1, smooth: true, data: data.trend.map(function (p) { return p.count; }) }
      ]
    };
  }

  function methodOption(data, labels) {
    return {
      color: palette,
      animation: false,
      aria: { enabled: true },
      tooltip: { trigger: 'item', renderMode: 'richText' },
      legend: { bottom: 0 },
      series: [{
        name: labels.methods, type: 'pie', radius: ['40%', '68%'], center: ['50%', '45%'],
        label: { formatter: '{b}: {d}%' },
        data: data.byMethod.map(function (m) { return { name: m.label, value: m.amount }; })
      }]
    };
  }

  function charts() {
    var elements = document.querySelectorAll('[data-chart]');
    if (!elements.length || typeof window.echarts === 'undefined') {
      return;
    }
    var language = document.documentElement.lang || 'en';
    var sources = {};
    elements.forEach(function (element) {
      var src = element.getAttribute('data-src');
      if (!sources[src]) {
        sources[src] = fetch(src, { credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
          .then(function (r) { if (!r.ok) { throw new Error('HTTP ' + r.status); } return r.json(); });
      }
      sources[src].then(function (all) {
        var data = all.currencies.filter(function (c) { return c.currency === element.getAttribute('data-currency'); })[0];
        if (!data) {
          return;
        }
        var labels = all.labels;
        var chart = window.echarts.init(element, null, { renderer: 'canvas' });
        chart.setOption(element.getAttribute('data-chart') === 'methods' ? methodOption(data, labels) : trendOption(data, labels, language));
        element.setAttribute('data-drawn', 'true');
        window.addEventListener('resize', function () { chart.resize(); });
      }).catch(function () {
        element.setAttribute('data-drawn', 'failed');
      });
    });
  }

  onReady(function () {
    copyButtons();
    confirmations();
    singleSubmit();
  });
  // ECharts is the page's own script, run after this one: the charts are drawn once every script has run
  if (document.readyState === 'complete') {
    charts();
  } else {
    window.addEventListener('load', charts);
  }
}());
